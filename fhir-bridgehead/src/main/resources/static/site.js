// The bridgehead's pages share one navigation (page kit: /ccp/ccp.js). Which page is for which
// role is decided by the server; the navigation only lists them. The bridgehead serves terms of
// use (ccp/terms): the kit shows them before anything else until the user accepts.
ccp.header({ name: ccp.t('app.bridgehead'), href: 'index.html', terms: true }, [
  { href: 'approval.html', label: ccp.t('nav.approval') },
  { href: 'pseudonymize.html', label: ccp.t('nav.pseudonymize') },
  { href: 'consent.html', label: ccp.t('nav.consent') },
  { href: 'withdrawal.html', label: ccp.t('nav.withdrawal') },
  { href: 'access-request.html', label: ccp.t('nav.accessRequests') },
  { href: 'upload.html', label: ccp.t('nav.upload') },
  { href: 'biobank.html', label: ccp.t('nav.biobank') },
  { href: 'forms.html', label: ccp.t('nav.forms') },
  { href: 'admin.html', label: ccp.t('nav.admin') }
]);
