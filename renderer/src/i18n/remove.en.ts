import { removeAliyunEn } from './remove-aliyun.en.ts';

/**
 * The words of the removal lists' and reviewed plans' coded errors (`details.messageCode` = `removal.*`,
 * electron/core/removal-drafts/errors.ts); merged into `codes` in en.ts.
 */
export const removalCodesEn = {
  'draft-gone':
    'The removal list was discarded (it was left unused too long, or too many lists were open): import it again.',
  'plan-gone': 'The reviewed plan was discarded (it was left unused too long): review the plan again.',
  'plan-stale_one':
    'Nothing was sent: the site changed since the review (terminal {{terminals}}). The plan below is the new one: review the plan again.',
  'plan-stale_other':
    'Nothing was sent: the site changed since the review (terminals {{terminals}}). The plan below is the new one: review the plan again.',
  'plan-stale_zero':
    'Nothing was sent: the people of the list resolve differently since the review. The plan below is the new one: review the plan again.',
  'plan-started': 'This reviewed plan was already started as job {{jobId}}: follow it in Jobs.',
  'empty-list': 'The removal list is empty: paste ids, import a file or pick people first.',
  'no-users': 'No person of the list has an id to remove from Alibaba Cloud.',
  'unknown-kind':
    'Terminal {{serial}} is not of a known kind, so its people cannot be picked: identify it in Devices first.',
};

/** English strings of the removal wizard (section "Remove identities"); spread into `en`. */
export const removeEn = {
  remove: {
    steps: {
      label: 'Steps',
      input: 'People',
      targets: 'Terminals',
      review: 'Review',
      run: 'Run',
    },
    back: 'Back',
    input: {
      title: 'Who to remove',
      paste: 'Paste ids',
      pastePlaceholder:
        'One id per line, or separated by commas or spaces. A spreadsheet range with its header row works too.',
      read: 'Read the pasted ids',
      reading: 'Reading the list…',
      file: 'Import a CSV or TSV file',
      fileHint: 'UTF-8 (with or without BOM) or GB18030/GBK; a header row is detected.',
      tooLarge: '{{name}} is larger than {{size}} MB. Split the list into smaller files and import them one by one.',
      unreadable: '{{name}} could not be read. Check that the file is not open elsewhere, then pick it again.',
      facesOnly: 'Remove faces only (keep the people)',
      facesOnlyHint:
        'Works on Sophon terminals: the list needs an identity_id column and a face_id or register_image_id column.',
      clear: 'Clear the list',
      total_one: 'To remove: {{count}} person',
      total_other: 'To remove: {{count}} people',
      nothing: 'Paste ids, import a file, or pick people from a terminal in Devices.',
      next: 'Next: choose terminals',
    },
    summary: {
      label: 'What was read',
      rows: 'Rows',
      items: 'To remove',
      duplicates: 'Duplicates removed',
      invalid: 'Invalid rows',
      blank: 'Blank lines skipped',
      header: 'header on line {{line}}',
      noHeader: 'no header row',
      encoding: {
        'utf-8': 'UTF-8',
        'utf-8-bom': 'UTF-8 with BOM',
        'utf-16le': 'UTF-16',
        'utf-16be': 'UTF-16',
        gb18030: 'GB18030 (GBK)',
      },
      delimiter: {
        comma: 'comma-separated',
        tab: 'tab-separated',
        semicolon: 'semicolon-separated',
      },
    },
    errors: {
      label: 'Errors by line',
      line: 'Line {{line}}{{column}}: {{text}}',
      column: ', column {{column}}',
      more_one: '…and {{count}} more error.',
      more_other: '…and {{count}} more errors.',
    },
    issues: {
      unclosed_quote: 'a quoted value is never closed. Add the missing double quote.',
      invalid_quotes: 'text follows a closing quote. Write quotes inside a value as two quotes ("").',
      field_count: 'this row has a different number of values than the others.',
      missing_id: 'no id. Fill in the id of the person, or delete the row.',
      missing_identity_id: 'no identity_id for the face to remove.',
      missing_face: 'no face_id or register_image_id: say which face to remove.',
      scientific_notation:
        'Excel turned this long number into scientific notation and its digits are lost. Format the column as Text and export again.',
      invalid_identity_id: 'not a valid identity_id (at most 64 characters, no spaces).',
      invalid_link_id: 'not a link_id: a link_id is a UUID.',
      invalid_uid: 'not a uid: a uid is a whole number greater than 0.',
      invalid_face_id: 'not a valid face_id.',
      invalid_register_image_id: 'not a valid register_image_id.',
      invalid_native_id: 'not a valid id (at most 64 characters, no spaces).',
      name_too_long: 'the name is longer than 200 characters: shorten it, or pick the right name column.',
    },
    columns: {
      label: 'Columns',
      column: 'Column',
      samples: 'First values',
      suggested: 'Suggested',
      kind: 'Read as',
      kindOf: 'Read column {{label}} as',
      none: 'No suggestion',
      unused: 'Not used',
      problem: 'These columns cannot be used: {{message}}',
    },
    kinds: {
      nativeId: 'Id (each terminal’s own)',
      identity_id: 'identity_id (Sophon)',
      link_id: 'link_id (BAS-IP UUID)',
      uid: 'uid (BAS-IP number)',
      face_id: 'face_id',
      register_image_id: 'register_image_id',
      name: 'Name',
    },
    picked: {
      title: 'Picked from terminals',
      count: '({{count}})',
      hint: 'Open a terminal in Devices, tick people in its list and choose “Add to the removal list”.',
      openDevices: 'Open Devices',
      ignored: 'People picked from terminals are not used when removing faces only.',
      from: '{{id}} on {{terminal}}',
      remove: 'Take {{name}} off the list',
      more_one: '… and {{count}} more picked person.',
      more_other: '… and {{count}} more picked people.',
    },
    targets: {
      title: 'On which terminals',
      empty: 'There are no terminals yet. Add them in Devices first.',
      label: 'Terminals',
      all: 'Select all',
      none: 'Select none',
      chosen_one: '{{chosen}} of {{count}} terminal chosen',
      chosen_other: '{{chosen}} of {{count}} terminals chosen',
      unknownKind: 'Unknown kind: nothing can be removed from it.',
      tooOld: 'Firmware too old for removal (API v0): update it to 3.9 or later.',
      untrusted: 'Not trusted: check it is yours and trust it in Devices first.',
      conflict: 'Identity conflict: another device claims to be it. Resolve it in Devices first.',
      offlineNote: 'Its items will wait until it is back.',
      next: 'Next: review the dry run',
      planning: 'Planning…',
    },
    aliyun: removeAliyunEn,
    review: {
      title: 'Review the dry run',
      noPlan: 'The list or the terminals changed. Go back and review the dry run again.',
      summary_one: 'Remove {{people}} person from {{terminals}}: {{items}} items, {{time}}. Nothing has been sent yet.',
      summary_other:
        'Remove {{people}} people from {{terminals}}: {{items}} items, {{time}}. Nothing has been sent yet.',
      summaryFaces_one:
        'Remove {{people}} face from {{terminals}}: {{items}} items, {{time}}. Nothing has been sent yet.',
      summaryFaces_other:
        'Remove {{people}} faces from {{terminals}}: {{items}} items, {{time}}. Nothing has been sent yet.',
      underASecond: 'under a second',
      about: 'about {{time}}',
      warnings: 'Warnings',
      offline_one: '{{count}} terminal is offline ({{names}}): its items will wait, queued, until it is back.',
      offline_other: '{{count}} terminals are offline ({{names}}): their items will wait, queued, until they are back.',
      unplannable_one:
        '{{count}} item has no id its terminal uses (for example a Sophon id on a BAS-IP panel): it will be recorded as failed.',
      unplannable_other:
        '{{count}} items have no id their terminal uses (for example a Sophon id on a BAS-IP panel): they will be recorded as failed.',
      skipped_one:
        '{{count}} terminal is skipped: unknown kind, not trusted, or in an identity conflict. Trust it in Devices to include it.',
      skipped_other:
        '{{count}} terminals are skipped: unknown kind, not trusted, or in an identity conflict. Trust them in Devices to include them.',
      panelLocal_one:
        '{{count}} person was picked by a BAS-IP panel number (uid). The same number is another person on other panels: target only the panel they were picked from.',
      panelLocal_other:
        '{{count}} people were picked by a BAS-IP panel number (uid). The same number is another person on other panels: target only the panel they were picked from.',
      table: {
        label: 'Dry run per terminal',
        terminal: 'Terminal',
        kind: 'Kind',
        address: 'Address',
        status: 'Status',
        items: 'Items',
        unplannable: 'Without id',
        requests: 'Requests',
        time: 'Estimated time',
      },
      verify: 'Read every terminal back afterwards (recommended)',
      verifyHint:
        'A complete read of each terminal’s list after the removal confirms every item is gone. Without it, outcomes rest on the terminals’ answers alone.',
      confirmTitle: 'Confirm a large removal',
      confirmText:
        'This removes {{people}} people from {{terminals}} and cannot be undone. Type the number of people to confirm.',
      confirmLabel: 'Type {{people}} to confirm',
      run_one: 'Remove {{count}} person now',
      run_other: 'Remove {{count}} people now',
      starting: 'Starting…',
    },
  },
};
