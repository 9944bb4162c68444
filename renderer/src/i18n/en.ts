/** English strings; the shape every other language must match (checked by the type of zh-CN). */
export const en = {
  app: {
    title: 'Face Commissioner',
    loading: 'Starting Face Commissioner…',
  },
  nav: {
    label: 'Sections',
    devices: 'Devices',
    remove: 'Remove identities',
    permissions: 'Permissions',
    jobs: 'Jobs',
    sync: 'Sync queue',
    settings: 'Settings',
  },
  empty: {
    devices: {
      title: 'No terminals yet',
      body: 'Terminals found on the site LAN (by mDNS, by address or by sweeping a subnet) will appear here with their kind, serial number, address and health.',
    },
    remove: {
      title: 'Nothing to remove yet',
      body: 'Paste or import the people to remove, pick the terminals, review the plan, then run it. Each person gets an outcome per terminal.',
    },
    permissions: {
      title: 'No permission pushes yet',
      body: 'Full and incremental permission pushes per entrance channel, and the cloud tasks that follow them, will appear here.',
    },
    jobs: {
      title: 'No jobs yet',
      body: 'Every bulk operation you start will be listed here with its progress, a result per item, and a way to retry what failed.',
    },
    sync: {
      title: 'The sync queue is empty',
      body: 'Operations waiting for a terminal or the cloud to come back will wait here until they are sent, exactly once.',
    },
    settings: {
      title: 'Settings',
      body: 'Cloud accounts, credentials and site defaults will be set here.',
    },
  },
  language: {
    label: 'Language',
    en: 'English',
    'zh-CN': '简体中文',
  },
  status: {
    label: 'Status',
    adapters: 'Site adapter: {{names}}',
    noAdapter: 'Site adapter: none found (connect this laptop to the site LAN)',
    cloud: {
      unknown: 'Cloud: not checked',
      reachable: 'Cloud: reachable',
      unreachable: 'Cloud: unreachable (work is queued)',
    },
    queued_one: '{{count}} operation queued',
    queued_other: '{{count}} operations queued',
  },
  errors: {
    dismiss: 'Dismiss',
    VALIDATION: 'The request was not valid ({{message}}). Check what you entered and try again.',
    UNKNOWN_CHANNEL: 'This version of the app does not know that action. Update or restart the app.',
    NOT_FOUND: 'The item no longer exists. Refresh the view and try again.',
    UNAUTHORIZED: 'The credentials were refused. Check the username and password in Settings.',
    FORBIDDEN_SENDER: 'This page is not allowed to use the app. Open Face Commissioner from its own window.',
    FORBIDDEN_MDNS: 'Discovery by mDNS is not allowed here ({{message}}). Add terminals by address or sweep a subnet instead.',
    STORAGE: 'The local database cannot be used ({{message}}). Check the disk has free space, then restart the app.',
    SECRETS_LOCKED: 'Saved credentials are locked ({{message}}). Unlock them, then try again.',
    NETWORK: 'The connection to the app was lost. Restart it with "npm run web" and open the address it prints.',
    CANCELLED: 'The operation was cancelled. Nothing more will be sent for it.',
    INTERNAL: 'Something went wrong inside the app ({{message}}). Try again; if it repeats, export diagnostics.',
  },
};

/** The shape of a translation table. */
export type Translation = typeof en;
