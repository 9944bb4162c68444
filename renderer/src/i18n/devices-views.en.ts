/**
 * English strings of the Devices view's bulk actions, location labels and site defaults (issue 18), and the
 * words of the core's message codes (`details.messageCode`, see components/ErrorBanner.tsx); spread into `en`.
 */
export const devicesViewsEn = {
  deviceActions: {
    credentials: 'Set credentials',
    credentialsLegend: 'Credentials for the selected terminals',
    username: 'Username',
    password: 'Password',
    save: 'Save for selected',
    cancel: 'Cancel',
    usernameRequired: 'Type the username.',
    credentialsSaved_one: 'Credentials saved for {{count}} terminal; it was checked again.',
    credentialsSaved_other: 'Credentials saved for {{count}} terminals; they were checked again.',
    someFailed_one: '{{count}} terminal failed (see the error).',
    someFailed_other: '{{count}} terminals failed (see the error).',
    useDefault: 'Use site default',
    defaultApplied_one: 'Site default applies to the selection ({{count}} terminal had its own credentials).',
    defaultApplied_other: 'Site default applies to the selection ({{count}} terminals had their own credentials).',
    noDefault: 'No site default is saved for {{kinds}}: save one in Settings › Site default credentials.',
    check: 'Check now',
    checked_one: '{{count}} terminal checked.',
    checked_other: '{{count}} terminals checked.',
    forget: 'Forget',
    forgetConfirm_one: 'Forget {{count}} terminal? It leaves the list until it is found again.',
    forgetConfirm_other: 'Forget {{count}} terminals? They leave the list until they are found again.',
    forgetYes: 'Yes, forget',
    forgotten_one: '{{count}} terminal forgotten.',
    forgotten_other: '{{count}} terminals forgotten.',
    export: 'Export CSV',
    exportAll: 'Export all (CSV)',
    exportXlsx: 'Export Excel',
    exportAllXlsx: 'Export all (Excel)',
    exported_one: '{{count}} terminal exported.',
    exported_other: '{{count}} terminals exported.',
    openWeb: 'Open web page',
    openWebMany: 'Opens at most {{max}} pages at once: tick fewer terminals.',
    copy: 'Copy addresses',
    copied_one: '{{count}} address copied.',
    copied_other: '{{count}} addresses copied.',
    copyFailed: 'This browser did not allow copying: select the addresses in the table instead.',
    working: 'Working…',
    label: {
      title: 'Location label',
      hint: 'Shown instead of the advertised name everywhere, e.g. “Gate 3 entrance”. Leave empty to show the advertised name.',
      save: 'Save label',
      saved: 'Label saved.',
      cleared: 'Label cleared.',
      advertised: 'Advertised name',
    },
    siteDefaults: {
      title: 'Site default credentials',
      intro:
        'Used by every terminal of a kind that has no credentials of its own. They are sent only to trusted terminals.',
      saved: 'Saved for user {{username}}',
      notSet: 'Not set',
      save: 'Save default',
      done: 'Site default saved for {{kind}}.',
      usernameRequired: 'Type the username.',
    },
    add: {
      trying: 'Trying {{address}}… {{seconds}} s',
      cancel: 'Cancel',
      cancelled: 'Cancelled: nothing was added.',
    },
  },
  codes: {
    address: {
      empty: 'Type the terminal’s address, for example 192.168.1.20.',
      'url-unreadable': '“{{text}}” cannot be read as a URL. Type for example http://192.168.1.20:80.',
      scheme:
        '“{{text}}” uses a scheme the app does not speak: only http and https. Type for example http://192.168.1.20.',
      host: '“{{text}}” is not a valid host name. Type an IP address such as 192.168.1.20.',
      'port-range': '“{{text}}” has a port outside 1–65535. Type for example 192.168.1.20:5555.',
      characters:
        '“{{text}}” has characters an address cannot have. Type for example 192.168.1.20 or 192.168.1.20:5555.',
      'ipv4-range': '“{{text}}” is not a valid IPv4 address (each part is 0–255). Check the digits.',
    },
    subnet: {
      form: '“{{text}}” is not a subnet. Type it as a.b.c.d/n, for example 192.168.1.0/24.',
      'prefix-range': '“{{text}}” has a prefix outside /{{max}}–/32. Type for example 192.168.1.0/24.',
      'too-wide':
        '“{{text}}” is wider than a sweep covers (at most /{{max}}, 1,024 addresses). Sweep a smaller part, for example 192.168.1.0/24.',
    },
    add: {
      cancelled: 'Adding {{host}} was cancelled: nothing was added.',
      'nothing-answers':
        'Nothing answers at {{host}} (port {{ports}}). Check the address, the cable and that the terminal is on, then try again.',
      'not-this-kind':
        '{{host}} does not answer like a $t(devices.kind.{{kind}}) terminal on port {{ports}}. Check the address and port (usually {{usualPort}}), or add it without a kind to see what it answers.',
      'not-this-kind-login':
        '{{host}} does not answer like a $t(devices.kind.{{kind}}) terminal on port {{ports}}. Check the address and port (usually {{usualPort}}), give its username and password if it needs a login, or add it without a kind.',
    },
    people: {
      'credentials-refused':
        'Terminal {{serial}} refused the credentials. Enter the right username and password in its details (or save the site default in Settings), then open it again.',
    },
    device: {
      'not-found': 'Terminal {{serial}} is no longer in the list. Refresh the view (it may have been forgotten).',
    },
  },
};
