import { itemReasonsEn, reasonCodesEn } from './reasons.en.ts';
import { peopleEn } from './people.en.ts';
import { cloudEn } from './cloud.en.ts';
import { devicesViewsEn } from './devices-views.en.ts';
import { permissionBrowserEn } from './permission-browser.en.ts';
import { jobsEn } from './jobs.en.ts';
import { removalCodesEn, removeEn } from './remove.en.ts';
import { syncEn } from './sync.en.ts';

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
  devices: {
    toolbar: 'Find terminals',
    discovery: {
      legend: 'Discover by mDNS',
      adapters: 'Network adapters',
      noAdapters: 'No network adapter faces a LAN (connect this laptop to the site LAN).',
      start: 'Start discovery',
      stop: 'Stop discovery',
      browsing: 'Listening on {{names}}',
      stopped: 'Not listening',
    },
    add: {
      legend: 'Add by address',
      address: 'Address',
      addressHint: 'For example 192.168.1.20, 192.168.1.20:5555 or http://192.168.1.20',
      addressRequired: 'Type the terminal’s address, for example 192.168.1.20.',
      usernameRequired: 'Type the username that goes with the password, or clear the password.',
      kind: 'Kind',
      detect: 'Detect automatically',
      username: 'Username (optional)',
      password: 'Password (optional)',
      submit: 'Add terminal',
      adding: 'Adding…',
      added: 'Added {{name}}.',
      claims:
        'Not added: what answers there contradicts {{name}} ({{serial}}), trusted at {{where}}. Nothing was sent to it. Resolve the identity conflict in its details.',
    },
    sweep: {
      legend: 'Sweep a subnet',
      cidr: 'Subnet (CIDR)',
      cidrRequired: 'Type a subnet to sweep, for example 192.168.1.0/24.',
      start: 'Start sweep',
      cancel: 'Cancel sweep',
      progress: 'Sweep progress',
      counts_one: '{{done}} / {{total}} checked, {{count}} found',
      counts_other: '{{done}} / {{total}} checked, {{count}} found',
      state: {
        planned: 'Waiting to start',
        running: 'Sweeping…',
        paused: 'Paused',
        done: 'Sweep finished',
        failed: 'Sweep failed: {{error}}',
        cancelled: 'Sweep cancelled',
      },
    },
    filter: 'Filter terminals',
    filterPlaceholder: 'Name, serial, address or model',
    shown_one: 'Showing {{shown}} of {{count}} terminal',
    shown_other: 'Showing {{shown}} of {{count}} terminals',
    noMatch: 'No terminal matches “{{filter}}”.',
    table: {
      label: 'Terminals',
      sortBy: 'Sort by {{column}}',
    },
    column: {
      status: 'Status',
      name: 'Name',
      kind: 'Kind',
      serial: 'Serial',
      model: 'Model',
      firmware: 'Firmware',
      address: 'Address',
      trust: 'Trust',
      capability: 'Can do',
      credentials: 'Credentials',
      people: 'People',
      lastSeen: 'Last seen',
    },
    capabilityBadge: {
      remove: 'Removes people (API {{api}})',
      'too-old': 'Too old (API v0)',
      none: 'Nothing (unknown kind)',
    },
    select: {
      row: 'Select {{serial}}',
      all: 'Select all shown terminals',
    },
    bulk: {
      label: 'Selected terminals',
      selected_one: '{{count}} terminal selected',
      selected_other: '{{count}} terminals selected',
      trust: 'Trust selected',
      clear: 'Clear selection',
      trusted_one: '{{count}} terminal trusted: it may now be sent its credentials and jobs.',
      trusted_other: '{{count}} terminals trusted: they may now be sent their credentials and jobs.',
      leftOut_one: '{{count}} terminal in an identity conflict was left out: open it and resolve the conflict.',
      leftOut_other:
        '{{count}} terminals in an identity conflict were left out: open each one and resolve the conflict.',
      nothing: 'Every selected terminal is already trusted.',
    },
    unnamed: 'Unnamed terminal',
    none: '—',
    online: 'Online',
    offline: 'Offline',
    kind: {
      sophon: 'Sophon',
      basip: 'BAS-IP',
      unknown: 'Unknown',
    },
    credentials: {
      ok: 'OK',
      rejected: 'Rejected',
      missing: 'Missing',
      'not-required': 'Not required',
      unknown: 'Not checked',
    },
    source: {
      mdns: 'mDNS',
      manual: 'By address',
      sweep: 'Subnet sweep',
    },
    peopleOf: '{{count}} / {{capacity}}',
    capability: {
      api: 'API {{api}}',
      identityId: 'remove by identity_id',
      linkId: 'remove by link_id',
      uid: 'remove by uid',
      faces: 'remove single faces',
      list: 'list people',
      none: 'nothing (unknown kind)',
      tooOld: 'Firmware too old for removal (API v0): update it to 3.9 or later',
    },
    detail: {
      label: 'Terminal details',
      close: 'Close details',
      facts: 'Facts',
      apiVersion: 'API version',
      capabilities: 'Can do',
      source: 'Found by',
      adapter: 'Adapter',
      credentialsTitle: 'Credentials',
      credentialsHint: 'Used for this terminal only; they are stored encrypted on this computer.',
      username: 'Username',
      password: 'Password',
      usernameRequired: 'Type the username.',
      save: 'Save credentials',
      saving: 'Saving…',
      saved: 'Credentials saved.',
      forget: 'Forget terminal',
      forgetConfirm:
        'Forget {{name}}? It leaves the inventory until it is found again. Nothing on the terminal changes.',
      forgetYes: 'Yes, forget it',
      forgetNo: 'Keep it',
    },
    trust: {
      title: 'Trust',
      trusted: 'Trusted',
      untrusted: 'Not trusted',
      conflict: 'Identity conflict',
      untrustedHint:
        'Found on the network, not confirmed by you: it is sent no credentials and is in no job. If it is your terminal, trust it.',
      trust: 'Trust this terminal',
      conflictElsewhere:
        'A device at {{where}} claims to be this terminal. It is sent nothing. Keep this terminal where it was trusted, or, if it really moved, move it to {{where}}.',
      conflictChanged:
        'Another device ({{serial}}) now answers at {{where}}. This terminal is sent nothing. Keep it if that is still your terminal, or forget it.',
      conflictMac:
        'The device at {{where}} tells this terminal’s serial but answers from another hardware address ({{mac}}; trusted as {{pinned}}). It is sent nothing. If the terminal was replaced or repaired, trust it as it is now; otherwise forget it and check the network.',
      acceptHardware: 'It was replaced or repaired: trust it as it is now',
      keep: 'Keep it where it was trusted',
      move: 'Move it to {{where}} and trust it there',
    },
    identification: {
      title: 'What was tried',
      intro:
        'This device answers, but not as a terminal this app knows. What was asked on {{when}}, and what it answered:',
      introChosen:
        'This device was added as {{kind}} but did not answer like one. What was asked on {{when}}, and what it answered:',
      plainHttp: 'HTTP',
      port: 'port {{port}}',
      withCredentials: 'with the credentials',
      noAnswer: 'no answer ({{why}})',
      failure: {
        unreachable: 'nothing listens there, or the address cannot be reached',
        timeout: 'no answer in time',
        dropped: 'the connection was dropped',
        'too-large': 'the answer was too large',
        other: 'the connection failed',
      },
      nextStep:
        'Check the address and the port, or add it again choosing its kind and entering its username and password.',
    },
    people: {
      title: 'People on the terminal',
      total_one: '{{formatted}} person',
      total_other: '{{formatted}} people',
      id: 'ID',
      name: 'Name',
      loading: 'Loading people…',
      empty: 'No people on this terminal.',
      notLoaded: 'People are listed once working credentials are saved.',
      load: 'List people',
      previous: 'Previous',
      next: 'Next',
      page: 'Page {{page}} of {{pages}}',
      pager: 'People pages',
      pick: 'Pick {{name}}',
      pickPage: 'Pick everyone on this page',
      pickAdd_one: 'Add {{count}} person to the removal list',
      pickAdd_other: 'Add {{count}} people to the removal list',
      picked_one: 'The removal list holds {{count}} picked person.',
      picked_other: 'The removal list holds {{count}} picked people.',
      openRemoval: 'Open the removal list',
    },
  },
  ...removeEn,
  ...peopleEn,
  ...devicesViewsEn,
  ...jobsEn,
  ...syncEn,
  ...cloudEn,
  ...permissionBrowserEn,
  codes: {
    ...devicesViewsEn.codes,
    ...reasonCodesEn,
    people: { ...devicesViewsEn.codes.people, ...reasonCodesEn.people },
    removal: removalCodesEn,
  },
  itemReasons: itemReasonsEn,
  files: {
    tooLarge: 'The file is too large to save ({{detail}}). Export a shorter period or fewer items, then try again.',
    writeFailed: 'Could not save the file: {{reason}}. Choose another folder and try again.',
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
    UNAUTHORIZED:
      'The terminal refused the credentials ({{message}}). Enter the right username and password in the terminal’s details, then try again.',
    FORBIDDEN_SENDER: 'This page is not allowed to use the app. Open Face Commissioner from its own window.',
    FORBIDDEN_MDNS:
      'Discovery by mDNS is not allowed here ({{message}}). Add terminals by address or sweep a subnet instead.',
    STORAGE: 'The local database cannot be used ({{message}}). Check the disk has free space, then restart the app.',
    SECRETS_LOCKED:
      'Saved credentials are locked ({{message}}). Nothing was sent. Start the app again with the passphrase the credentials were saved with (FCOM_SECRET_KEY), then try again.',
    NETWORK:
      'The terminal could not be reached ({{message}}). Check the address, the cable and that the terminal is on, then try again.',
    hostLost: 'The connection to the app was lost. Restart it with "npm run web" and open the address it prints.',
    CANCELLED: 'The operation was cancelled. Nothing more will be sent for it.',
    jobOwned:
      'This job is running in another Face Commissioner process ({{message}}). Follow it there, or stop that process and try again.',
    CONFLICT: 'That cannot be done now ({{message}}). Refresh the view, then choose an action the item allows.',
    INTERNAL: 'Something went wrong inside the app ({{message}}). Try again; if it repeats, export diagnostics.',
  },
};

/** The shape of a translation table. */
export type Translation = typeof en;
