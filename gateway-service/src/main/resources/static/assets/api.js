// The API guide page's script: a file of its own, as the Content-Security-Policy allows no inline script.
fetch('/platform/status').then(r => r.json()).then(services => {
  const rows = services.map(s => `<tr><td>${s.name}</td><td><code>${s.path}/…</code></td>`
      + `<td class="${s.status}">${s.status}</td><td><a href="${s.path}/openapi">${s.path}/openapi</a></td></tr>`);
  document.querySelector('#services tbody').innerHTML = rows.join('');
}).catch(() => { document.querySelector('#services tbody').innerHTML = '<tr><td colspan="4">status unavailable</td></tr>'; });
fetch('/auth/demo-users').then(r => r.ok ? r.json() : null).then(users => {
  if (!users) { document.getElementById('demo-users').textContent = 'The demo issuer is off: get a token from your identity provider.'; return; }
  const list = users.map(u => `<code>${u.username}</code> (${u.roles.join(', ')}${u.householdId ? ', household ' + u.householdId : ''}${u.communityId ? ', ' + u.communityId : ''}${u.communityIds.length ? ', ' + u.communityIds.join(', ') : ''})`);
  document.getElementById('demo-users').innerHTML = 'Demo users: ' + list.join(', ') + '. The password is set by <code>DEMO_PASSWORD</code>; the local run makes one for each run and prints it in its banner.';
});
