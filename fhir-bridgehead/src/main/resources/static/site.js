// The bridgehead's pages share one navigation (page kit: /ccp/ccp.js). Which page is for which
// role is decided by the server; the navigation only lists them.
ccp.header({ name: 'Bridgehead', href: 'index.html' }, [
  { href: 'approval.html', label: 'Search requests' },
  { href: 'pseudonymize.html', label: 'Pseudonymize' },
  { href: 'consent.html', label: 'Consent' },
  { href: 'withdrawal.html', label: 'Withdrawal' },
  { href: 'access-request.html', label: 'Access requests' },
  { href: 'upload.html', label: 'Upload' },
  { href: 'biobank.html', label: 'Samples' },
  { href: 'admin.html', label: 'Administration' }
]);
