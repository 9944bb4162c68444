/** English strings of the Sync queue view, its status-bar badge and storage faults; spread into `en`. */
export const syncEn = {
  sync: {
    loading: 'Loading the sync queue…',
    counts: 'Operations by state',
    filter: {
      all: 'All ({{count}})',
      queued: 'Queued ({{count}})',
      running: 'Running ({{count}})',
      done: 'Done ({{count}})',
      'needs-attention': 'Needs attention ({{count}})',
      discarded: 'Discarded ({{count}})',
    },
    state: {
      queued: 'Queued',
      running: 'Running',
      done: 'Done',
      'needs-attention': 'Needs attention',
      discarded: 'Discarded',
    },
    now: 'Sync now',
    syncing: 'Syncing…',
    lastSync: 'Last sync {{time}}',
    neverSynced: 'Not synced yet in this session',
    retryAll: 'Retry all that need attention',
    discardAll: 'Discard all that need attention',
    report: {
      label: 'Commissioning report',
      html: 'Report (HTML)',
      csv: 'Report (CSV)',
      building: 'Building the report…',
      saved: 'Saved {{file}}: {{count}} operations.',
    },
    targets: 'Targets with work',
    target: '{{name}}: {{queued}} queued, {{attention}} need attention',
    answers: 'answers',
    silent: 'does not answer',
    cloud: {
      unknown: '{{cloud}}: not checked yet',
      reachable: '{{cloud}}: reachable',
      unreachable: '{{cloud}}: unreachable, next try {{time}}',
      rejected: '{{cloud}}: credentials refused. Fix them in Settings, then retry.',
    },
    table: 'Operations',
    column: {
      state: 'State',
      target: 'Target',
      subject: 'Person or item',
      reason: 'Reason',
      queued: 'Queued at',
      synced: 'Synced at',
      actions: 'Actions',
    },
    empty: 'No operation in this state.',
    retry: 'Retry',
    discard: 'Discard',
    fixCredentials: 'Fix credentials',
    discardedBy: 'Discarded by {{actor}} at {{time}}',
    drift: 'Changed while queued: {{detail}}',
    unconfirmed:
      'Unconfirmed: the request went out, but neither the terminal’s answer nor a read says whether it was removed. Retry reads the terminal first and sends it again only if it is still there.',
    reason: {
      'terminal-offline': 'The terminal does not answer. This waits and is sent once it is back (or press Sync now).',
      'cloud-unreachable': 'The cloud cannot be reached. This waits and is sent once it answers again.',
      'cloud-task-running':
        'The cloud is still working on this push. It goes on in the cloud; the app follows it again later (or press Sync now).',
      'job-paused': 'Its job is paused. Resume the job in Jobs to send it.',
      waiting: 'Waiting for its job to reach it.',
      credentials: 'The credentials were refused. Fix them, then retry.',
      invalid: 'This cannot succeed as it is (for example, no id for this terminal). Fix the list, or discard it.',
      failed: 'This failed after every retry. Retry it, or discard it.',
      'drift-absent': 'Already absent when the terminal was read again: someone else removed it while it waited.',
      discarded: 'Discarded: it will never be sent.',
      superseded: 'Replaced by a later full push for the same channel: it will never be sent.',
      cancelled: 'Cancelled with its job.',
    },
    dialog: {
      title: 'Discard this operation?',
      titleMany: 'Discard every operation that needs attention?',
      bodyMany:
        'Discard every operation that needs attention ({{count}})? They will never be sent. They stay in the history and the report as discarded, with your name and the time.',
      body: 'Discard {{subject}} on {{target}}? It will never be sent. It stays in the history and the report as discarded, with your name and the time.',
      confirm: 'Discard',
      cancel: 'Keep it',
    },
    badge: {
      label: 'Sync queue: {{queued}} queued, {{attention}} need attention. Open the sync queue.',
      attention_one: '{{count}} needs attention',
      attention_other: '{{count}} need attention',
    },
  },
  storageFault: {
    fullFree:
      'The disk is full (free {{freeMb}} MB): nothing of this action was saved. Free some disk space, then try again.',
    full: 'The disk is full: nothing of this action was saved. Free some disk space, then try again.',
    locked:
      'The local database is locked by another program (another window or an fcom command): nothing of this action was saved. Close it, then try again.',
    corrupt:
      'The local database file is damaged: nothing was changed. Close the app, move the file aside (keep it for support), then start again.',
    readonly:
      'The local database cannot be written (read-only file or folder): nothing was saved. Check the folder’s permissions or choose another data directory.',
    io: 'The disk failed while saving: nothing of this action was saved. Check the disk, then try again.',
    other: 'The local database cannot be used ({{message}}). Restart the app.',
  },
  inputLimits: {
    'too-many-rows':
      'The list has more than {{maxRows}} rows (read {{rowsRead}} rows, then stopped): nothing was imported. Split it into smaller lists.',
    'too-large': 'The file is larger than {{maxMb}} MB: nothing was imported. Split it into smaller files.',
    'not-regular': 'This is not a regular file (a folder or a device): nothing was read. Choose a CSV or TSV file.',
  },
};
