#compdef phr

__phr_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__phr_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __phr_complete "${completions[@]:0:-1}"
    fi
}

__phr_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_phr() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'init:Create the encrypted local store (asks for a passphrase twice).'
            'login:Give consent with หมอพร้อม: an OTP sent to your app (--cid), your ID card (--card) or Health ID (--oauth).'
            'sync:Fetch your health record from the PHR service into the encrypted store.'
            'show:Show your record in the terminal (offline): a summary, or one kind as a table.'
            'export:Export your record (FHIR R4 IPS bundle, flat JSON, CSV, plain text, PDF report) or your appointments (iCalendar).'
            'status:Who is logged in, until when, the servers used, the last sync and what the store holds.'
            'logout:Forget the login session (OTP or token) stored on this machine. Synced data stays.'
            'share:Give a clinic a consent code: chosen kinds, one unit, until it expires or you revoke it.'
            'clinic:For a clinic: read a citizen'\''s record with the consent code they gave you.'
            'card:Read the Thai national ID card in a smart-card reader (PC/SC, pcscd).'
            'kiosk:Run the health-unit kiosk: insert ID card → card consent → view/print/export/share/measure BP → wiped.'
            'profile:Keep each person'\''s record in their own store: list, add or remove profiles.'
            'measure:Record home measurements and send them to Mor Prom (SelfObservation).'
            'report-visit:Report a visit in your record as wrong to the ministry, list or withdraw reports.'
            'passwd:Change the store'\''s passphrase (every page is re-encrypted; a crash leaves the old or the new file, never a mix).'
            'unlock:Remember the store key in the kernel session keyring for a while, so commands do not ask again.'
            'lock:Forget the store keys cached by `phr unlock` (of every profile); the next command asks for the passphrase.'
            'db:Look after the encrypted store.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        init|login|sync|show|export|status|logout|share|clinic|card|kiosk|profile|measure|report-visit|passwd|unlock|lock|db|help)
            "_phr_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_phr_init() {
    local -i ret=1
    local -ar arg_specs=(
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion init -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_login() {
    local -i ret=1
    local -ar arg_specs=(
        '--cid[Your 13-digit citizen ID (dashes allowed).]:cid:'
        '--card[Take the citizen ID from the Thai national ID card in the reader.]'
        '--reader[Use this reader (default\: the first with a card; `phr card status` lists them).]:name:'
        '--wait[Wait this many seconds for a card to be inserted (0\: it must be in already).]:seconds:'
        '--oauth[Log in with Health ID (OAuth 2.0 authorization code + PKCE, loopback redirect) instead of an OTP.]'
        '--no-browser[With --oauth\: do not open a browser; print the URL and read the redirect address you paste.]'
        '--server[PHR API URL (default\: PHR_SERVER, config.toml, else https\://phr1.moph.go.th).]:url:'
        '--account-server[Account Center URL (default\: PHR_ACCOUNT_SERVER, config.toml, else https\://cvp1.moph.go.th).]:url:'
        '--healthid-server[Health ID URL (default\: PHR_HEALTHID_SERVER, config.toml, else https\://moph.id.th).]:url:'
        '--ca-file[Extra CA certificates (PEM), e.g. a sandbox'\''s own CA.]:file:_files -g '\''*.pem *.crt'\'''
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion login -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_sync() {
    local -i ret=1
    local -ar ___kind=('vitals' 'conditions' 'meds' 'allergies' 'vaccines' 'coverage' 'encounters' 'labs')
    local -ar arg_specs=(
        '--kind[Only these kinds (comma-separated).]:kinds:{__phr_complete "${___kind[@]}"}'
        '--full[Fetch everything again, ignoring what is already stored.]'
        '--jobs[Requests in flight at once (1-32).]:jobs:'
        '(--quiet -q)'{--quiet,-q}'[No progress bar, only the summary.]'
        '--server[PHR API URL (default\: PHR_SERVER, config.toml, else https\://phr1.moph.go.th).]:url:'
        '--account-server[Account Center URL (default\: PHR_ACCOUNT_SERVER, config.toml, else https\://cvp1.moph.go.th).]:url:'
        '--healthid-server[Health ID URL (default\: PHR_HEALTHID_SERVER, config.toml, else https\://moph.id.th).]:url:'
        '--ca-file[Extra CA certificates (PEM), e.g. a sandbox'\''s own CA.]:file:_files -g '\''*.pem *.crt'\'''
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion sync -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_show() {
    local -i ret=1
    local -ar _view=('summary' 'vitals' 'conditions' 'meds' 'allergies' 'vaccines' 'coverage' 'encounters' 'labs' 'flags' 'caregivers' 'appointments')
    local -ar ___test=('hba1c' 'glucose' 'creatinine' 'egfr' 'ldl' 'hdl' 'tg' 'chol' 'bun' 'k' 'na' 'alt' 'ast' 'hb' 'hct' 'ualb' 'ckd')
    local -ar ___lang=('th' 'en')
    local -ar arg_specs=(
        ':view:{__phr_complete "${_view[@]}"}'
        '--test[With labs\: only this test (hba1c, glucose, creatinine, egfr, ldl, hdl, tg, chol, … or a LOINC code).]:test:{__phr_complete "${___test[@]}"}'
        '--lang[Language\: th or en (default\: from PHR_LANG / LANG).]:th|en:{__phr_complete "${___lang[@]}"}'
        '--ce[Years in the Common Era (ค.ศ.) even in Thai.]'
        '--since[Only records since\: 1y, 6m, 30d, 2020-01-01 (CE) or 2563-01-01 (BE).]:when:'
        '--unit[Only records from this health unit (hcode).]:hcode:'
        '--limit[At most this many rows per kind.]:limit:'
        '--chart[With vitals\: draw the blood-pressure and weight trend; with labs\: HbA1c, eGFR and LDL (or the --test).]'
        '--json[One JSON document on stdout (schema phr-export/3) instead of tables.]'
        '--no-color[No colour (also when NO_COLOR is set or stdout is not a terminal).]'
        '--full-cid[Show the whole citizen ID instead of x-xxxx-xxxxx-xx-x with digits hidden.]'
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion show -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--server[PHR API URL (default\: PHR_SERVER, config.toml, else https\://phr1.moph.go.th).]:url:'
        '--account-server[Account Center URL (default\: PHR_ACCOUNT_SERVER, config.toml, else https\://cvp1.moph.go.th).]:url:'
        '--healthid-server[Health ID URL (default\: PHR_HEALTHID_SERVER, config.toml, else https\://moph.id.th).]:url:'
        '--ca-file[Extra CA certificates (PEM), e.g. a sandbox'\''s own CA.]:file:_files -g '\''*.pem *.crt'\'''
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_export() {
    local -i ret=1
    local -ar ___format=('fhir' 'json' 'csv' 'text' 'pdf' 'ics')
    local -ar ___kind=('vitals' 'conditions' 'meds' 'allergies' 'vaccines' 'coverage' 'encounters' 'labs')
    local -ar ___lang=('th' 'en')
    local -ar arg_specs=(
        '--format[fhir, json, csv, text, pdf, or ics (your upcoming appointments, read from the service).]:format:{__phr_complete "${___format[@]}"}'
        '--kind[Only these kinds (comma-separated; default all).]:kinds:{__phr_complete "${___kind[@]}"}'
        '(-o --output)'{-o,--output}'[Output file (a directory for csv); - for stdout (needed except for ics).]:file:_files'
        '--force[Replace an existing file.]'
        '--bom[csv\: start each file with a UTF-8 byte-order mark (for spreadsheet programs).]'
        '--full-cid[pdf/text\: show the whole citizen ID (masked by default).]'
        '--rows[pdf\: newest rows per kind in the report (the other formats include all).]:rows:'
        '--lang[Language\: th or en (default\: from PHR_LANG / LANG).]:th|en:{__phr_complete "${___lang[@]}"}'
        '--ce[Years in the Common Era (ค.ศ.) even in Thai.]'
        '--since[Only records since\: 1y, 6m, 30d, 2020-01-01 (CE) or 2563-01-01 (BE).]:when:'
        '--unit[Only records from this health unit (hcode).]:hcode:'
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion export -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--server[PHR API URL (default\: PHR_SERVER, config.toml, else https\://phr1.moph.go.th).]:url:'
        '--account-server[Account Center URL (default\: PHR_ACCOUNT_SERVER, config.toml, else https\://cvp1.moph.go.th).]:url:'
        '--healthid-server[Health ID URL (default\: PHR_HEALTHID_SERVER, config.toml, else https\://moph.id.th).]:url:'
        '--ca-file[Extra CA certificates (PEM), e.g. a sandbox'\''s own CA.]:file:_files -g '\''*.pem *.crt'\'''
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_status() {
    local -i ret=1
    local -ar arg_specs=(
        '--server[PHR API URL (default\: PHR_SERVER, config.toml, else https\://phr1.moph.go.th).]:url:'
        '--account-server[Account Center URL (default\: PHR_ACCOUNT_SERVER, config.toml, else https\://cvp1.moph.go.th).]:url:'
        '--healthid-server[Health ID URL (default\: PHR_HEALTHID_SERVER, config.toml, else https\://moph.id.th).]:url:'
        '--ca-file[Extra CA certificates (PEM), e.g. a sandbox'\''s own CA.]:file:_files -g '\''*.pem *.crt'\'''
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion status -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_logout() {
    local -i ret=1
    local -ar arg_specs=(
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion logout -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_share() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'create:Create a consent code for a clinic.'
            'list:List your consent codes: active, expired, revoked or used up, and their uses.'
            'revoke:Revoke a consent code (or all active ones): clinics are refused from now on.'
            'log:Who used your consent codes: which unit, when, which kinds — and refused tries.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        create|list|revoke|log)
            "_phr_share_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_phr_share_create() {
    local -i ret=1
    local -ar ___kinds=('vitals' 'conditions' 'meds' 'allergies' 'vaccines' 'coverage' 'encounters' 'labs')
    local -ar arg_specs=(
        '--kinds[Kinds the clinic may read (comma-separated, or all)\: vitals, conditions, meds, allergies, vaccines, coverage, encounters, labs.]:kinds:{__phr_complete "${___kinds[@]}"}'
        '--for[Only this health unit (5-digit hcode) may use the code.]:hcode:'
        '--expires[How long the code works\: 30m, 24h, 7d (at most 30d).]:duration:'
        '--uses[How many times a clinic may use it (default\: until it expires).]:n:'
        '--qr[Also print the code as a QR code in the terminal.]'
        '--qr-out[Write the QR code as an image (.png or .svg).]:file:_files -g '\''*.png *.svg'\'''
        '--json[Print the consent as JSON (with the code) instead of text.]'
        '--server[PHR API URL (default\: PHR_SERVER, config.toml, else https\://phr1.moph.go.th).]:url:'
        '--account-server[Account Center URL (default\: PHR_ACCOUNT_SERVER, config.toml, else https\://cvp1.moph.go.th).]:url:'
        '--healthid-server[Health ID URL (default\: PHR_HEALTHID_SERVER, config.toml, else https\://moph.id.th).]:url:'
        '--ca-file[Extra CA certificates (PEM), e.g. a sandbox'\''s own CA.]:file:_files -g '\''*.pem *.crt'\'''
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion share create -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_share_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--codes[Show the whole code of those created on this computer (default\: the first group).]'
        '--json[JSON instead of a table.]'
        '--server[PHR API URL (default\: PHR_SERVER, config.toml, else https\://phr1.moph.go.th).]:url:'
        '--account-server[Account Center URL (default\: PHR_ACCOUNT_SERVER, config.toml, else https\://cvp1.moph.go.th).]:url:'
        '--healthid-server[Health ID URL (default\: PHR_HEALTHID_SERVER, config.toml, else https\://moph.id.th).]:url:'
        '--ca-file[Extra CA certificates (PEM), e.g. a sandbox'\''s own CA.]:file:_files -g '\''*.pem *.crt'\'''
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion share list -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_share_revoke() {
    local -i ret=1
    local -ar arg_specs=(
        ':code:'
        '--all[Revoke every active consent code.]'
        '--server[PHR API URL (default\: PHR_SERVER, config.toml, else https\://phr1.moph.go.th).]:url:'
        '--account-server[Account Center URL (default\: PHR_ACCOUNT_SERVER, config.toml, else https\://cvp1.moph.go.th).]:url:'
        '--healthid-server[Health ID URL (default\: PHR_HEALTHID_SERVER, config.toml, else https\://moph.id.th).]:url:'
        '--ca-file[Extra CA certificates (PEM), e.g. a sandbox'\''s own CA.]:file:_files -g '\''*.pem *.crt'\'''
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion share revoke -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_share_log() {
    local -i ret=1
    local -ar arg_specs=(
        '--json[JSON instead of a table.]'
        '--server[PHR API URL (default\: PHR_SERVER, config.toml, else https\://phr1.moph.go.th).]:url:'
        '--account-server[Account Center URL (default\: PHR_ACCOUNT_SERVER, config.toml, else https\://cvp1.moph.go.th).]:url:'
        '--healthid-server[Health ID URL (default\: PHR_HEALTHID_SERVER, config.toml, else https\://moph.id.th).]:url:'
        '--ca-file[Extra CA certificates (PEM), e.g. a sandbox'\''s own CA.]:file:_files -g '\''*.pem *.crt'\'''
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion share log -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_clinic() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'fetch:Redeem a consent code once, read what it allows, and print or export it.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        fetch)
            "_phr_clinic_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_phr_clinic_fetch() {
    local -i ret=1
    local -ar ___kind=('vitals' 'conditions' 'meds' 'allergies' 'vaccines' 'coverage' 'encounters' 'labs')
    local -ar ___format=('fhir' 'json' 'csv' 'text' 'pdf' 'ics')
    local -ar ___lang=('th' 'en')
    local -ar arg_specs=(
        '--cid[The citizen'\''s 13-digit ID (not needed when the code is a scanned QR link).]:cid:'
        '--code[- reads the consent code (or its QR text) from standard input; a code given here is visible to other users (a warning says so). Default\: a prompt.]:-:'
        '--code-file[Read the consent code (or its QR text) from the first line of this file.]:file:'
        '--unit[The clinic'\''s health-unit code (default\: hospital_code in config.toml).]:hcode:'
        '--kind[Only these kinds (default\: all the consent allows).]:kinds:{__phr_complete "${___kind[@]}"}'
        '--format[Export instead of printing\: fhir, json, csv, text or pdf (with -o).]:format:{__phr_complete "${___format[@]}"}'
        '(--output -o)'{--output,-o}'[Output file for --format (- for stdout).]:file:_files'
        '--force[Replace an existing output file.]'
        '--lang[Language\: th or en.]:th|en:{__phr_complete "${___lang[@]}"}'
        '--ce[Years in the Common Era even in Thai.]'
        '--server[PHR API URL (default\: PHR_SERVER, config.toml, else https\://phr1.moph.go.th).]:url:'
        '--account-server[Account Center URL (default\: PHR_ACCOUNT_SERVER, config.toml, else https\://cvp1.moph.go.th).]:url:'
        '--healthid-server[Health ID URL (default\: PHR_HEALTHID_SERVER, config.toml, else https\://moph.id.th).]:url:'
        '--ca-file[Extra CA certificates (PEM), e.g. a sandbox'\''s own CA.]:file:_files -g '\''*.pem *.crt'\'''
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_card() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'status:List the smart-card readers: card present, in use, ATR.'
            'read:Read the Thai national ID card: citizen ID, names, birth date, card dates, address.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        status|read)
            "_phr_card_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_phr_card_status() {
    local -i ret=1
    local -ar arg_specs=(
        '--json[JSON instead of a table.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_card_read() {
    local -i ret=1
    local -ar arg_specs=(
        '--reader[Use this reader (default\: the first with a card; `phr card status` lists them).]:name:'
        '--wait[Wait this many seconds for a card to be inserted (0\: it must be in already).]:seconds:'
        '--photo[Also read the photo and write it to this JPEG file (0600).]:file:_files -g '\''*.jpg *.jpeg'\'''
        '--json[Print JSON instead of text.]'
        '--full-cid[Show the whole citizen ID.]'
        '--force[Replace an existing --photo file.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_kiosk() {
    local -i ret=1
    local -ar arg_specs=(
        '--config[The kiosk settings file.]:file:_files -g '\''*.toml'\'''
        '--visits[Serve this many visits, then exit (default\: run until stopped).]:n:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_profile() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:List the profiles on this computer (* marks the one in use).'
            'add:Create a profile: an empty encrypted store for one more person.'
            'remove:Delete a profile and its encrypted store for good (asks to type the name, or --yes).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|add|remove)
            "_phr_profile_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_phr_profile_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion profile list -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_profile_add() {
    local -i ret=1
    local -ar arg_specs=(
        ':name:'
        '--shared-passphrase[Use the default profile'\''s passphrase instead of a new one.]'
        '--from-caregiver[Offer a profile for each citizen in your care (read from the service, after phr login).]'
        '--name[With --from-caregiver\: the new profile'\''s name.]:name:'
        '--cid[With --from-caregiver\: the citizen in your care to make the profile for (13 digits).]:cid:'
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion profile add -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--server[PHR API URL (default\: PHR_SERVER, config.toml, else https\://phr1.moph.go.th).]:url:'
        '--account-server[Account Center URL (default\: PHR_ACCOUNT_SERVER, config.toml, else https\://cvp1.moph.go.th).]:url:'
        '--healthid-server[Health ID URL (default\: PHR_HEALTHID_SERVER, config.toml, else https\://moph.id.th).]:url:'
        '--ca-file[Extra CA certificates (PEM), e.g. a sandbox'\''s own CA.]:file:_files -g '\''*.pem *.crt'\'''
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_profile_remove() {
    local -i ret=1
    local -ar arg_specs=(
        ':name:'
        '--yes[Do not ask; remove it.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_measure() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'add:Save a home reading and send it: bp 135/85, glucose 126, weight 68.5, temp 37.2, spo2 97.'
            'import:Import a device'\''s CSV export (time,kind,value[,pulse,fasting,device]): every row or none.'
            'list:Home readings beside the clinics'\'' vital signs, newest first (offline).'
            'send:Send the readings waiting in the outbox (phr sync does this first, too).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        add|import|list|send)
            "_phr_measure_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_phr_measure_add() {
    local -i ret=1
    local -ar _kind=('bp' 'glucose' 'weight' 'temp' 'spo2')
    local -ar arg_specs=(
        ':kind:{__phr_complete "${_kind[@]}"}'
        ':value:'
        '--pulse[With bp\: the pulse (beats per minute).]:bpm:'
        '--fasting[With glucose\: measured fasting.]'
        '--at[When it was measured, Thailand time, CE\: YYYY-MM-DD HH\:MM or HH\:MM today (default\: now).]:time:'
        '--device[The device, e.g. "Omron HEM-7120".]:name:'
        '--force[Save an unusual value anyway (it may be real).]'
        '--server[PHR API URL (default\: PHR_SERVER, config.toml, else https\://phr1.moph.go.th).]:url:'
        '--account-server[Account Center URL (default\: PHR_ACCOUNT_SERVER, config.toml, else https\://cvp1.moph.go.th).]:url:'
        '--healthid-server[Health ID URL (default\: PHR_HEALTHID_SERVER, config.toml, else https\://moph.id.th).]:url:'
        '--ca-file[Extra CA certificates (PEM), e.g. a sandbox'\''s own CA.]:file:_files -g '\''*.pem *.crt'\'''
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion measure add -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_measure_import() {
    local -i ret=1
    local -ar arg_specs=(
        ':file:_files -g '\''*.csv'\'''
        '--force[Import unusual values too (impossible ones are still refused).]'
        '--server[PHR API URL (default\: PHR_SERVER, config.toml, else https\://phr1.moph.go.th).]:url:'
        '--account-server[Account Center URL (default\: PHR_ACCOUNT_SERVER, config.toml, else https\://cvp1.moph.go.th).]:url:'
        '--healthid-server[Health ID URL (default\: PHR_HEALTHID_SERVER, config.toml, else https\://moph.id.th).]:url:'
        '--ca-file[Extra CA certificates (PEM), e.g. a sandbox'\''s own CA.]:file:_files -g '\''*.pem *.crt'\'''
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion measure import -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_measure_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--limit[At most this many rows.]:limit:'
        '--json[JSON on stdout\: \[{taken_at, source (home or the unit'\''s hcode), values, sent}\].]'
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion measure list -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_measure_send() {
    local -i ret=1
    local -ar arg_specs=(
        '--server[PHR API URL (default\: PHR_SERVER, config.toml, else https\://phr1.moph.go.th).]:url:'
        '--account-server[Account Center URL (default\: PHR_ACCOUNT_SERVER, config.toml, else https\://cvp1.moph.go.th).]:url:'
        '--healthid-server[Health ID URL (default\: PHR_HEALTHID_SERVER, config.toml, else https\://moph.id.th).]:url:'
        '--ca-file[Extra CA certificates (PEM), e.g. a sandbox'\''s own CA.]:file:_files -g '\''*.pem *.crt'\'''
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion measure send -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_report-visit() {
    local -i ret=1
    local -ar arg_specs=(
        ':visit:'
        '--reason[Why the visit is wrong (required to report).]:text:'
        '--list[List the visits reported from this computer and the ministry'\''s count.]'
        '--undo[Withdraw the report of this visit.]:visit:'
        '(--yes -y)'{--yes,-y}'[Do not ask for confirmation.]'
        '--server[PHR API URL (default\: PHR_SERVER, config.toml, else https\://phr1.moph.go.th).]:url:'
        '--account-server[Account Center URL (default\: PHR_ACCOUNT_SERVER, config.toml, else https\://cvp1.moph.go.th).]:url:'
        '--healthid-server[Health ID URL (default\: PHR_HEALTHID_SERVER, config.toml, else https\://moph.id.th).]:url:'
        '--ca-file[Extra CA certificates (PEM), e.g. a sandbox'\''s own CA.]:file:_files -g '\''*.pem *.crt'\'''
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion report-visit -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_passwd() {
    local -i ret=1
    local -ar arg_specs=(
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion passwd -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--new-passphrase-file[Read the new passphrase from this file.]:file:_files'
        '--only-this-profile[Change only this profile'\''s passphrase, even where other profiles share it.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_unlock() {
    local -i ret=1
    local -ar arg_specs=(
        '--minutes[Minutes to remember the key (1-480).]:minutes:'
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion unlock -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_lock() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_db() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'check:Verify the store: SQLite integrity check and the HMAC of every page.'
            'path:Print where the store file is (of the profile in use).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        check|path)
            "_phr_db_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_phr_db_check() {
    local -i ret=1
    local -ar arg_specs=(
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion db check -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--passphrase-file[Read the passphrase from the first line of this file.]:file:_files'
        '--passphrase-stdin[Read the passphrase from the first line of standard input.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_db_path() {
    local -i ret=1
    local -ar arg_specs=(
        '--profile[Use this profile'\''s store (default\: PHR_PROFILE, else the default profile).]:name:{__phr_custom_complete ---completion db path -- --profile "${current_word_index}" "$(__phr_cursor_index_in_current_word)"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _phr ]]; then
    _phr "${@}"
else
    compdef _phr phr
fi
