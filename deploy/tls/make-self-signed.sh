#!/bin/sh
# Makes a private CA and server certificates signed by it, for trying the platform over TLS (docker-compose.yml):
#
#   deploy/tls/make-self-signed.sh [directory] [extra host name or address ...]
#
# into deploy/tls/certs unless a directory is given (compose reads TLS_DIR):
#   ca.crt                        the CA: give it to clients (curl --cacert, a device's or the app's trust store)
#   ca.key                        the CA's key: keep it, or delete it once the certificates are made
#   gateway.crt, gateway.key      the gateway's HTTPS certificate and key (PEM, PKCS#8)
#   mosquitto.crt, mosquitto.key  the MQTT broker's certificate and key, for MQTT over TLS on 8883
# Both server certificates name localhost, 127.0.0.1, their compose service name and any extra names given (the
# machine's DNS name or address, for clients elsewhere). They last 825 days; existing files are never overwritten.
#
# Only for trying it: in production use certificates from your CA or ACME (Let's Encrypt), in the same PEM form.
set -eu

DIR=${1:-$(dirname "$0")/certs}
[ $# -gt 0 ] && shift
EXTRA="$*"
DAYS=825

command -v openssl >/dev/null || { echo "openssl is needed" >&2; exit 1; }
mkdir -p "$DIR"
umask 077

if [ -e "$DIR/ca.crt" ] || [ -e "$DIR/gateway.crt" ] || [ -e "$DIR/mosquitto.crt" ]; then
    echo "$DIR already holds certificates; remove them first to make new ones" >&2
    exit 1
fi

names() {
    list="DNS:localhost,IP:127.0.0.1,DNS:$1"
    for name in $EXTRA; do
        case "$name" in
            *[!0-9.]*) list="$list,DNS:$name" ;;
            *) list="$list,IP:$name" ;;
        esac
    done
    echo "$list"
}

openssl req -x509 -new -newkey rsa:3072 -nodes -sha256 -days "$DAYS" \
    -subj "/CN=Community Carbon Platform test CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$DIR/ca.key" -out "$DIR/ca.crt" 2>/dev/null

for server in gateway mosquitto; do
    case "$server" in
        gateway) service=gateway-service ;;
        *) service=$server ;;
    esac
    openssl req -new -newkey rsa:2048 -nodes -sha256 -subj "/CN=$service" \
        -keyout "$DIR/$server.key" -out "$DIR/$server.csr" 2>/dev/null
    printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' \
        "$(names "$service")" > "$DIR/$server.ext"
    openssl x509 -req -in "$DIR/$server.csr" -CA "$DIR/ca.crt" -CAkey "$DIR/ca.key" -CAcreateserial -days "$DAYS" -sha256 \
        -extfile "$DIR/$server.ext" -out "$DIR/$server.crt" 2>/dev/null
    # PKCS#8, as Spring Boot and Mosquitto both read it
    openssl pkey -in "$DIR/$server.key" -out "$DIR/$server.key.pk8" && mv "$DIR/$server.key.pk8" "$DIR/$server.key"
    rm -f "$DIR/$server.csr" "$DIR/$server.ext"
done
rm -f "$DIR/ca.srl"

# The gateway's container runs as uid 10001 and reads its key from the mounted directory; Mosquitto's container
# copies its own as root. As root, give the gateway's key to that uid alone; otherwise the keys must be readable
# by the containers.
chmod 0644 "$DIR/ca.crt" "$DIR/gateway.crt" "$DIR/mosquitto.crt"
chmod 0755 "$DIR"
if [ "$(id -u)" = 0 ]; then
    chown 10001 "$DIR/gateway.key"
    chmod 0600 "$DIR/gateway.key" "$DIR/mosquitto.key" "$DIR/ca.key"
else
    chmod 0644 "$DIR/gateway.key" "$DIR/mosquitto.key"
    echo "Note: the server keys are readable by every user of this machine, so that the containers can read them;" \
        "run as root (or chown 10001 gateway.key) to restrict them." >&2
fi

echo "Made in $DIR: ca.crt (give it to clients), gateway.crt/.key, mosquitto.crt/.key, valid $DAYS days for" \
    "$(names '<service>' | sed 's/DNS://g; s/IP://g')"
