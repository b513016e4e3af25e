function __phr_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __phr_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __phr_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __phr_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __phr_parse_tokens -S
    set -l unparsed_tokens (__phr_tokens -pc)
    switch $unparsed_tokens[1]
    case 'phr'
        __phr_parse_subcommand 0 'profile=' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'init'
            __phr_parse_subcommand 0 'profile=' 'passphrase-file=' 'passphrase-stdin' 'version' 'h/help'
        case 'login'
            __phr_parse_subcommand 0 'cid=' 'card' 'reader=' 'wait=' 'oauth' 'no-browser' 'server=' 'account-server=' 'healthid-server=' 'ca-file=' 'profile=' 'passphrase-file=' 'passphrase-stdin' 'version' 'h/help'
        case 'sync'
            __phr_parse_subcommand 0 'kind=' 'full' 'jobs=' 'q/quiet' 'server=' 'account-server=' 'healthid-server=' 'ca-file=' 'profile=' 'passphrase-file=' 'passphrase-stdin' 'version' 'h/help'
        case 'show'
            __phr_parse_subcommand 1 'test=' 'lang=' 'ce' 'since=' 'unit=' 'limit=' 'chart' 'json' 'no-color' 'full-cid' 'profile=' 'passphrase-file=' 'passphrase-stdin' 'server=' 'account-server=' 'healthid-server=' 'ca-file=' 'version' 'h/help'
        case 'export'
            __phr_parse_subcommand 0 'format=' 'kind=' 'o/output=' 'force' 'bom' 'full-cid' 'rows=' 'lang=' 'ce' 'since=' 'unit=' 'profile=' 'passphrase-file=' 'passphrase-stdin' 'server=' 'account-server=' 'healthid-server=' 'ca-file=' 'version' 'h/help'
        case 'status'
            __phr_parse_subcommand 0 'server=' 'account-server=' 'healthid-server=' 'ca-file=' 'profile=' 'passphrase-file=' 'passphrase-stdin' 'version' 'h/help'
        case 'logout'
            __phr_parse_subcommand 0 'profile=' 'passphrase-file=' 'passphrase-stdin' 'version' 'h/help'
        case 'share'
            __phr_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'create'
                __phr_parse_subcommand 0 'kinds=' 'for=' 'expires=' 'uses=' 'qr' 'qr-out=' 'json' 'server=' 'account-server=' 'healthid-server=' 'ca-file=' 'profile=' 'passphrase-file=' 'passphrase-stdin' 'version' 'h/help'
            case 'list'
                __phr_parse_subcommand 0 'codes' 'json' 'server=' 'account-server=' 'healthid-server=' 'ca-file=' 'profile=' 'passphrase-file=' 'passphrase-stdin' 'version' 'h/help'
            case 'revoke'
                __phr_parse_subcommand 1 'all' 'server=' 'account-server=' 'healthid-server=' 'ca-file=' 'profile=' 'passphrase-file=' 'passphrase-stdin' 'version' 'h/help'
            case 'log'
                __phr_parse_subcommand 0 'json' 'server=' 'account-server=' 'healthid-server=' 'ca-file=' 'profile=' 'passphrase-file=' 'passphrase-stdin' 'version' 'h/help'
            end
        case 'clinic'
            __phr_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'fetch'
                __phr_parse_subcommand 0 'cid=' 'code=' 'code-file=' 'unit=' 'kind=' 'format=' 'o/output=' 'force' 'lang=' 'ce' 'server=' 'account-server=' 'healthid-server=' 'ca-file=' 'version' 'h/help'
            end
        case 'card'
            __phr_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'status'
                __phr_parse_subcommand 0 'json' 'version' 'h/help'
            case 'read'
                __phr_parse_subcommand 0 'reader=' 'wait=' 'photo=' 'json' 'full-cid' 'force' 'version' 'h/help'
            end
        case 'kiosk'
            __phr_parse_subcommand 0 'config=' 'visits=' 'version' 'h/help'
        case 'profile'
            __phr_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __phr_parse_subcommand 0 'profile=' 'version' 'h/help'
            case 'add'
                __phr_parse_subcommand 1 'shared-passphrase' 'from-caregiver' 'name=' 'cid=' 'profile=' 'passphrase-file=' 'passphrase-stdin' 'server=' 'account-server=' 'healthid-server=' 'ca-file=' 'version' 'h/help'
            case 'remove'
                __phr_parse_subcommand 1 'yes' 'version' 'h/help'
            end
        case 'measure'
            __phr_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'add'
                __phr_parse_subcommand 2 'pulse=' 'fasting' 'at=' 'device=' 'force' 'server=' 'account-server=' 'healthid-server=' 'ca-file=' 'profile=' 'passphrase-file=' 'passphrase-stdin' 'version' 'h/help'
            case 'import'
                __phr_parse_subcommand 1 'force' 'server=' 'account-server=' 'healthid-server=' 'ca-file=' 'profile=' 'passphrase-file=' 'passphrase-stdin' 'version' 'h/help'
            case 'list'
                __phr_parse_subcommand 0 'limit=' 'json' 'profile=' 'passphrase-file=' 'passphrase-stdin' 'version' 'h/help'
            case 'send'
                __phr_parse_subcommand 0 'server=' 'account-server=' 'healthid-server=' 'ca-file=' 'profile=' 'passphrase-file=' 'passphrase-stdin' 'version' 'h/help'
            end
        case 'report-visit'
            __phr_parse_subcommand 1 'reason=' 'list' 'undo=' 'y/yes' 'server=' 'account-server=' 'healthid-server=' 'ca-file=' 'profile=' 'passphrase-file=' 'passphrase-stdin' 'version' 'h/help'
        case 'passwd'
            __phr_parse_subcommand 0 'profile=' 'passphrase-file=' 'passphrase-stdin' 'new-passphrase-file=' 'only-this-profile' 'version' 'h/help'
        case 'unlock'
            __phr_parse_subcommand 0 'minutes=' 'profile=' 'passphrase-file=' 'passphrase-stdin' 'version' 'h/help'
        case 'lock'
            __phr_parse_subcommand 0 'version' 'h/help'
        case 'db'
            __phr_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'check'
                __phr_parse_subcommand 0 'profile=' 'passphrase-file=' 'passphrase-stdin' 'version' 'h/help'
            case 'path'
                __phr_parse_subcommand 0 'profile=' 'version' 'h/help'
            end
        case 'help'
            __phr_parse_subcommand -r 1 'version'
        end
    end
end

function __phr_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __phr_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __phr_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __phr_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__phr_tokens -p)
    if test -z "$(__phr_tokens -t)"
        set -l index (count (__phr_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'phr' -f
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr" -eq 1' -fa 'init' -d 'Create the encrypted local store (asks for a passphrase twice).'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr" -eq 1' -fa 'login' -d 'Give consent with หมอพร้อม: an OTP sent to your app (--cid), your ID card (--card) or Health ID (--oauth).'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr" -eq 1' -fa 'sync' -d 'Fetch your health record from the PHR service into the encrypted store.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr" -eq 1' -fa 'show' -d 'Show your record in the terminal (offline): a summary, or one kind as a table.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr" -eq 1' -fa 'export' -d 'Export your record (FHIR R4 IPS bundle, flat JSON, CSV, plain text, PDF report) or your appointments (iCalendar).'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr" -eq 1' -fa 'status' -d 'Who is logged in, until when, the servers used, the last sync and what the store holds.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr" -eq 1' -fa 'logout' -d 'Forget the login session (OTP or token) stored on this machine. Synced data stays.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr" -eq 1' -fa 'share' -d 'Give a clinic a consent code: chosen kinds, one unit, until it expires or you revoke it.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr" -eq 1' -fa 'clinic' -d 'For a clinic: read a citizen\'s record with the consent code they gave you.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr" -eq 1' -fa 'card' -d 'Read the Thai national ID card in a smart-card reader (PC/SC, pcscd).'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr" -eq 1' -fa 'kiosk' -d 'Run the health-unit kiosk: insert ID card → card consent → view/print/export/share/measure BP → wiped.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr" -eq 1' -fa 'profile' -d 'Keep each person\'s record in their own store: list, add or remove profiles.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr" -eq 1' -fa 'measure' -d 'Record home measurements and send them to Mor Prom (SelfObservation).'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr" -eq 1' -fa 'report-visit' -d 'Report a visit in your record as wrong to the ministry, list or withdraw reports.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr" -eq 1' -fa 'passwd' -d 'Change the store\'s passphrase (every page is re-encrypted; a crash leaves the old or the new file, never a mix).'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr" -eq 1' -fa 'unlock' -d 'Remember the store key in the kernel session keyring for a while, so commands do not ask again.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr" -eq 1' -fa 'lock' -d 'Forget the store keys cached by `phr unlock` (of every profile); the next command asks for the passphrase.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr" -eq 1' -fa 'db' -d 'Look after the encrypted store.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr init" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion init -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr init" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr init" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr init" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr login" cid' -l 'cid' -d 'Your 13-digit citizen ID (dashes allowed).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr login" card' -l 'card' -d 'Take the citizen ID from the Thai national ID card in the reader.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr login" reader' -l 'reader' -d 'Use this reader (default: the first with a card; `phr card status` lists them).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr login" wait' -l 'wait' -d 'Wait this many seconds for a card to be inserted (0: it must be in already).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr login" oauth' -l 'oauth' -d 'Log in with Health ID (OAuth 2.0 authorization code + PKCE, loopback redirect) instead of an OTP.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr login" no-browser' -l 'no-browser' -d 'With --oauth: do not open a browser; print the URL and read the redirect address you paste.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr login" server' -l 'server' -d 'PHR API URL (default: PHR_SERVER, config.toml, else https://phr1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr login" account-server' -l 'account-server' -d 'Account Center URL (default: PHR_ACCOUNT_SERVER, config.toml, else https://cvp1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr login" healthid-server' -l 'healthid-server' -d 'Health ID URL (default: PHR_HEALTHID_SERVER, config.toml, else https://moph.id.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr login" ca-file' -l 'ca-file' -d 'Extra CA certificates (PEM), e.g. a sandbox\'s own CA.' -rfa '(set -l exts \'pem\' \'crt\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr login" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion login -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr login" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr login" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr login" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr login" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr sync" kind' -l 'kind' -d 'Only these kinds (comma-separated).' -rfka 'vitals conditions meds allergies vaccines coverage encounters labs'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr sync" full' -l 'full' -d 'Fetch everything again, ignoring what is already stored.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr sync" jobs' -l 'jobs' -d 'Requests in flight at once (1-32).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr sync" q quiet' -l 'quiet' -s 'q' -d 'No progress bar, only the summary.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr sync" server' -l 'server' -d 'PHR API URL (default: PHR_SERVER, config.toml, else https://phr1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr sync" account-server' -l 'account-server' -d 'Account Center URL (default: PHR_ACCOUNT_SERVER, config.toml, else https://cvp1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr sync" healthid-server' -l 'healthid-server' -d 'Health ID URL (default: PHR_HEALTHID_SERVER, config.toml, else https://moph.id.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr sync" ca-file' -l 'ca-file' -d 'Extra CA certificates (PEM), e.g. a sandbox\'s own CA.' -rfa '(set -l exts \'pem\' \'crt\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr sync" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion sync -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr sync" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr sync" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr sync" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr sync" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr show" -eq 1' -fka 'summary vitals conditions meds allergies vaccines coverage encounters labs flags caregivers appointments'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr show" test' -l 'test' -d 'With labs: only this test (hba1c, glucose, creatinine, egfr, ldl, hdl, tg, chol, … or a LOINC code).' -rfka 'hba1c glucose creatinine egfr ldl hdl tg chol bun k na alt ast hb hct ualb ckd'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr show" lang' -l 'lang' -d 'Language: th or en (default: from PHR_LANG / LANG).' -rfka 'th en'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr show" ce' -l 'ce' -d 'Years in the Common Era (ค.ศ.) even in Thai.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr show" since' -l 'since' -d 'Only records since: 1y, 6m, 30d, 2020-01-01 (CE) or 2563-01-01 (BE).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr show" unit' -l 'unit' -d 'Only records from this health unit (hcode).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr show" limit' -l 'limit' -d 'At most this many rows per kind.' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr show" chart' -l 'chart' -d 'With vitals: draw the blood-pressure and weight trend; with labs: HbA1c, eGFR and LDL (or the --test).'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr show" json' -l 'json' -d 'One JSON document on stdout (schema phr-export/3) instead of tables.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr show" no-color' -l 'no-color' -d 'No colour (also when NO_COLOR is set or stdout is not a terminal).'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr show" full-cid' -l 'full-cid' -d 'Show the whole citizen ID instead of x-xxxx-xxxxx-xx-x with digits hidden.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr show" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion show -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr show" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr show" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr show" server' -l 'server' -d 'PHR API URL (default: PHR_SERVER, config.toml, else https://phr1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr show" account-server' -l 'account-server' -d 'Account Center URL (default: PHR_ACCOUNT_SERVER, config.toml, else https://cvp1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr show" healthid-server' -l 'healthid-server' -d 'Health ID URL (default: PHR_HEALTHID_SERVER, config.toml, else https://moph.id.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr show" ca-file' -l 'ca-file' -d 'Extra CA certificates (PEM), e.g. a sandbox\'s own CA.' -rfa '(set -l exts \'pem\' \'crt\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr show" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" format' -l 'format' -d 'fhir, json, csv, text, pdf, or ics (your upcoming appointments, read from the service).' -rfka 'fhir json csv text pdf ics'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" kind' -l 'kind' -d 'Only these kinds (comma-separated; default all).' -rfka 'vitals conditions meds allergies vaccines coverage encounters labs'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" o output' -s 'o' -l 'output' -d 'Output file (a directory for csv); - for stdout (needed except for ics).' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" force' -l 'force' -d 'Replace an existing file.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" bom' -l 'bom' -d 'csv: start each file with a UTF-8 byte-order mark (for spreadsheet programs).'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" full-cid' -l 'full-cid' -d 'pdf/text: show the whole citizen ID (masked by default).'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" rows' -l 'rows' -d 'pdf: newest rows per kind in the report (the other formats include all).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" lang' -l 'lang' -d 'Language: th or en (default: from PHR_LANG / LANG).' -rfka 'th en'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" ce' -l 'ce' -d 'Years in the Common Era (ค.ศ.) even in Thai.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" since' -l 'since' -d 'Only records since: 1y, 6m, 30d, 2020-01-01 (CE) or 2563-01-01 (BE).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" unit' -l 'unit' -d 'Only records from this health unit (hcode).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion export -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" server' -l 'server' -d 'PHR API URL (default: PHR_SERVER, config.toml, else https://phr1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" account-server' -l 'account-server' -d 'Account Center URL (default: PHR_ACCOUNT_SERVER, config.toml, else https://cvp1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" healthid-server' -l 'healthid-server' -d 'Health ID URL (default: PHR_HEALTHID_SERVER, config.toml, else https://moph.id.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" ca-file' -l 'ca-file' -d 'Extra CA certificates (PEM), e.g. a sandbox\'s own CA.' -rfa '(set -l exts \'pem\' \'crt\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr status" server' -l 'server' -d 'PHR API URL (default: PHR_SERVER, config.toml, else https://phr1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr status" account-server' -l 'account-server' -d 'Account Center URL (default: PHR_ACCOUNT_SERVER, config.toml, else https://cvp1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr status" healthid-server' -l 'healthid-server' -d 'Health ID URL (default: PHR_HEALTHID_SERVER, config.toml, else https://moph.id.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr status" ca-file' -l 'ca-file' -d 'Extra CA certificates (PEM), e.g. a sandbox\'s own CA.' -rfa '(set -l exts \'pem\' \'crt\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr status" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion status -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr status" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr status" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr status" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr logout" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion logout -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr logout" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr logout" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr logout" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr logout" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr share" -eq 1' -fa 'create' -d 'Create a consent code for a clinic.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr share" -eq 1' -fa 'list' -d 'List your consent codes: active, expired, revoked or used up, and their uses.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr share" -eq 1' -fa 'revoke' -d 'Revoke a consent code (or all active ones): clinics are refused from now on.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr share" -eq 1' -fa 'log' -d 'Who used your consent codes: which unit, when, which kinds — and refused tries.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share create" kinds' -l 'kinds' -d 'Kinds the clinic may read (comma-separated, or all): vitals, conditions, meds, allergies, vaccines, coverage, encounters, labs.' -rfka 'vitals conditions meds allergies vaccines coverage encounters labs'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share create" for' -l 'for' -d 'Only this health unit (5-digit hcode) may use the code.' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share create" expires' -l 'expires' -d 'How long the code works: 30m, 24h, 7d (at most 30d).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share create" uses' -l 'uses' -d 'How many times a clinic may use it (default: until it expires).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share create" qr' -l 'qr' -d 'Also print the code as a QR code in the terminal.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share create" qr-out' -l 'qr-out' -d 'Write the QR code as an image (.png or .svg).' -rfa '(set -l exts \'png\' \'svg\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share create" json' -l 'json' -d 'Print the consent as JSON (with the code) instead of text.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share create" server' -l 'server' -d 'PHR API URL (default: PHR_SERVER, config.toml, else https://phr1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share create" account-server' -l 'account-server' -d 'Account Center URL (default: PHR_ACCOUNT_SERVER, config.toml, else https://cvp1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share create" healthid-server' -l 'healthid-server' -d 'Health ID URL (default: PHR_HEALTHID_SERVER, config.toml, else https://moph.id.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share create" ca-file' -l 'ca-file' -d 'Extra CA certificates (PEM), e.g. a sandbox\'s own CA.' -rfa '(set -l exts \'pem\' \'crt\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share create" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion share create -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share create" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share create" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share create" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share list" codes' -l 'codes' -d 'Show the whole code of those created on this computer (default: the first group).'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share list" json' -l 'json' -d 'JSON instead of a table.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share list" server' -l 'server' -d 'PHR API URL (default: PHR_SERVER, config.toml, else https://phr1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share list" account-server' -l 'account-server' -d 'Account Center URL (default: PHR_ACCOUNT_SERVER, config.toml, else https://cvp1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share list" healthid-server' -l 'healthid-server' -d 'Health ID URL (default: PHR_HEALTHID_SERVER, config.toml, else https://moph.id.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share list" ca-file' -l 'ca-file' -d 'Extra CA certificates (PEM), e.g. a sandbox\'s own CA.' -rfa '(set -l exts \'pem\' \'crt\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share list" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion share list -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share list" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share list" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share list" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share revoke" all' -l 'all' -d 'Revoke every active consent code.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share revoke" server' -l 'server' -d 'PHR API URL (default: PHR_SERVER, config.toml, else https://phr1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share revoke" account-server' -l 'account-server' -d 'Account Center URL (default: PHR_ACCOUNT_SERVER, config.toml, else https://cvp1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share revoke" healthid-server' -l 'healthid-server' -d 'Health ID URL (default: PHR_HEALTHID_SERVER, config.toml, else https://moph.id.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share revoke" ca-file' -l 'ca-file' -d 'Extra CA certificates (PEM), e.g. a sandbox\'s own CA.' -rfa '(set -l exts \'pem\' \'crt\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share revoke" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion share revoke -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share revoke" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share revoke" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share revoke" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share revoke" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share log" json' -l 'json' -d 'JSON instead of a table.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share log" server' -l 'server' -d 'PHR API URL (default: PHR_SERVER, config.toml, else https://phr1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share log" account-server' -l 'account-server' -d 'Account Center URL (default: PHR_ACCOUNT_SERVER, config.toml, else https://cvp1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share log" healthid-server' -l 'healthid-server' -d 'Health ID URL (default: PHR_HEALTHID_SERVER, config.toml, else https://moph.id.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share log" ca-file' -l 'ca-file' -d 'Extra CA certificates (PEM), e.g. a sandbox\'s own CA.' -rfa '(set -l exts \'pem\' \'crt\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share log" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion share log -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share log" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share log" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share log" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr share log" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr clinic" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr clinic" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr clinic" -eq 1' -fa 'fetch' -d 'Redeem a consent code once, read what it allows, and print or export it.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr clinic fetch" cid' -l 'cid' -d 'The citizen\'s 13-digit ID (not needed when the code is a scanned QR link).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr clinic fetch" code' -l 'code' -d '- reads the consent code (or its QR text) from standard input; a code given here is visible to other users (a warning says so). Default: a prompt.' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr clinic fetch" code-file' -l 'code-file' -d 'Read the consent code (or its QR text) from the first line of this file.' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr clinic fetch" unit' -l 'unit' -d 'The clinic\'s health-unit code (default: hospital_code in config.toml).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr clinic fetch" kind' -l 'kind' -d 'Only these kinds (default: all the consent allows).' -rfka 'vitals conditions meds allergies vaccines coverage encounters labs'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr clinic fetch" format' -l 'format' -d 'Export instead of printing: fhir, json, csv, text or pdf (with -o).' -rfka 'fhir json csv text pdf ics'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr clinic fetch" o output' -l 'output' -s 'o' -d 'Output file for --format (- for stdout).' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr clinic fetch" force' -l 'force' -d 'Replace an existing output file.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr clinic fetch" lang' -l 'lang' -d 'Language: th or en.' -rfka 'th en'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr clinic fetch" ce' -l 'ce' -d 'Years in the Common Era even in Thai.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr clinic fetch" server' -l 'server' -d 'PHR API URL (default: PHR_SERVER, config.toml, else https://phr1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr clinic fetch" account-server' -l 'account-server' -d 'Account Center URL (default: PHR_ACCOUNT_SERVER, config.toml, else https://cvp1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr clinic fetch" healthid-server' -l 'healthid-server' -d 'Health ID URL (default: PHR_HEALTHID_SERVER, config.toml, else https://moph.id.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr clinic fetch" ca-file' -l 'ca-file' -d 'Extra CA certificates (PEM), e.g. a sandbox\'s own CA.' -rfa '(set -l exts \'pem\' \'crt\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr clinic fetch" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr clinic fetch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr card" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr card" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr card" -eq 1' -fa 'status' -d 'List the smart-card readers: card present, in use, ATR.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr card" -eq 1' -fa 'read' -d 'Read the Thai national ID card: citizen ID, names, birth date, card dates, address.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr card status" json' -l 'json' -d 'JSON instead of a table.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr card status" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr card status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr card read" reader' -l 'reader' -d 'Use this reader (default: the first with a card; `phr card status` lists them).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr card read" wait' -l 'wait' -d 'Wait this many seconds for a card to be inserted (0: it must be in already).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr card read" photo' -l 'photo' -d 'Also read the photo and write it to this JPEG file (0600).' -rfa '(set -l exts \'jpg\' \'jpeg\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr card read" json' -l 'json' -d 'Print JSON instead of text.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr card read" full-cid' -l 'full-cid' -d 'Show the whole citizen ID.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr card read" force' -l 'force' -d 'Replace an existing --photo file.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr card read" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr card read" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr kiosk" config' -l 'config' -d 'The kiosk settings file.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'toml\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr kiosk" visits' -l 'visits' -d 'Serve this many visits, then exit (default: run until stopped).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr kiosk" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr kiosk" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr profile" -eq 1' -fa 'list' -d 'List the profiles on this computer (* marks the one in use).'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr profile" -eq 1' -fa 'add' -d 'Create a profile: an empty encrypted store for one more person.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr profile" -eq 1' -fa 'remove' -d 'Delete a profile and its encrypted store for good (asks to type the name, or --yes).'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile list" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion profile list -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile list" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile add" shared-passphrase' -l 'shared-passphrase' -d 'Use the default profile\'s passphrase instead of a new one.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile add" from-caregiver' -l 'from-caregiver' -d 'Offer a profile for each citizen in your care (read from the service, after phr login).'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile add" name' -l 'name' -d 'With --from-caregiver: the new profile\'s name.' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile add" cid' -l 'cid' -d 'With --from-caregiver: the citizen in your care to make the profile for (13 digits).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile add" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion profile add -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile add" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile add" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile add" server' -l 'server' -d 'PHR API URL (default: PHR_SERVER, config.toml, else https://phr1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile add" account-server' -l 'account-server' -d 'Account Center URL (default: PHR_ACCOUNT_SERVER, config.toml, else https://cvp1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile add" healthid-server' -l 'healthid-server' -d 'Health ID URL (default: PHR_HEALTHID_SERVER, config.toml, else https://moph.id.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile add" ca-file' -l 'ca-file' -d 'Extra CA certificates (PEM), e.g. a sandbox\'s own CA.' -rfa '(set -l exts \'pem\' \'crt\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile add" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile add" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile remove" yes' -l 'yes' -d 'Do not ask; remove it.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile remove" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr profile remove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr measure" -eq 1' -fa 'add' -d 'Save a home reading and send it: bp 135/85, glucose 126, weight 68.5, temp 37.2, spo2 97.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr measure" -eq 1' -fa 'import' -d 'Import a device\'s CSV export (time,kind,value[,pulse,fasting,device]): every row or none.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr measure" -eq 1' -fa 'list' -d 'Home readings beside the clinics\' vital signs, newest first (offline).'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr measure" -eq 1' -fa 'send' -d 'Send the readings waiting in the outbox (phr sync does this first, too).'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr measure add" -eq 1' -fka 'bp glucose weight temp spo2'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure add" pulse' -l 'pulse' -d 'With bp: the pulse (beats per minute).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure add" fasting' -l 'fasting' -d 'With glucose: measured fasting.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure add" at' -l 'at' -d 'When it was measured, Thailand time, CE: YYYY-MM-DD HH:MM or HH:MM today (default: now).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure add" device' -l 'device' -d 'The device, e.g. "Omron HEM-7120".' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure add" force' -l 'force' -d 'Save an unusual value anyway (it may be real).'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure add" server' -l 'server' -d 'PHR API URL (default: PHR_SERVER, config.toml, else https://phr1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure add" account-server' -l 'account-server' -d 'Account Center URL (default: PHR_ACCOUNT_SERVER, config.toml, else https://cvp1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure add" healthid-server' -l 'healthid-server' -d 'Health ID URL (default: PHR_HEALTHID_SERVER, config.toml, else https://moph.id.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure add" ca-file' -l 'ca-file' -d 'Extra CA certificates (PEM), e.g. a sandbox\'s own CA.' -rfa '(set -l exts \'pem\' \'crt\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure add" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion measure add -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure add" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure add" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure add" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure add" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr measure import" -eq 1' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'csv\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure import" force' -l 'force' -d 'Import unusual values too (impossible ones are still refused).'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure import" server' -l 'server' -d 'PHR API URL (default: PHR_SERVER, config.toml, else https://phr1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure import" account-server' -l 'account-server' -d 'Account Center URL (default: PHR_ACCOUNT_SERVER, config.toml, else https://cvp1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure import" healthid-server' -l 'healthid-server' -d 'Health ID URL (default: PHR_HEALTHID_SERVER, config.toml, else https://moph.id.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure import" ca-file' -l 'ca-file' -d 'Extra CA certificates (PEM), e.g. a sandbox\'s own CA.' -rfa '(set -l exts \'pem\' \'crt\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure import" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion measure import -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure import" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure import" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure import" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure list" limit' -l 'limit' -d 'At most this many rows.' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure list" json' -l 'json' -d 'JSON on stdout: [{taken_at, source (home or the unit\'s hcode), values, sent}].'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure list" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion measure list -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure list" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure list" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure list" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure send" server' -l 'server' -d 'PHR API URL (default: PHR_SERVER, config.toml, else https://phr1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure send" account-server' -l 'account-server' -d 'Account Center URL (default: PHR_ACCOUNT_SERVER, config.toml, else https://cvp1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure send" healthid-server' -l 'healthid-server' -d 'Health ID URL (default: PHR_HEALTHID_SERVER, config.toml, else https://moph.id.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure send" ca-file' -l 'ca-file' -d 'Extra CA certificates (PEM), e.g. a sandbox\'s own CA.' -rfa '(set -l exts \'pem\' \'crt\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure send" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion measure send -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure send" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure send" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure send" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr measure send" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr report-visit" reason' -l 'reason' -d 'Why the visit is wrong (required to report).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr report-visit" list' -l 'list' -d 'List the visits reported from this computer and the ministry\'s count.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr report-visit" undo' -l 'undo' -d 'Withdraw the report of this visit.' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr report-visit" y yes' -l 'yes' -s 'y' -d 'Do not ask for confirmation.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr report-visit" server' -l 'server' -d 'PHR API URL (default: PHR_SERVER, config.toml, else https://phr1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr report-visit" account-server' -l 'account-server' -d 'Account Center URL (default: PHR_ACCOUNT_SERVER, config.toml, else https://cvp1.moph.go.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr report-visit" healthid-server' -l 'healthid-server' -d 'Health ID URL (default: PHR_HEALTHID_SERVER, config.toml, else https://moph.id.th).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr report-visit" ca-file' -l 'ca-file' -d 'Extra CA certificates (PEM), e.g. a sandbox\'s own CA.' -rfa '(set -l exts \'pem\' \'crt\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr report-visit" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion report-visit -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr report-visit" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr report-visit" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr report-visit" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr report-visit" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr passwd" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion passwd -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr passwd" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr passwd" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr passwd" new-passphrase-file' -l 'new-passphrase-file' -d 'Read the new passphrase from this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr passwd" only-this-profile' -l 'only-this-profile' -d 'Change only this profile\'s passphrase, even where other profiles share it.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr passwd" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr passwd" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr unlock" minutes' -l 'minutes' -d 'Minutes to remember the key (1-480).' -rfka ''
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr unlock" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion unlock -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr unlock" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr unlock" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr unlock" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr unlock" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr lock" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr lock" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr db" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr db" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr db" -eq 1' -fa 'check' -d 'Verify the store: SQLite integrity check and the HMAC of every page.'
complete -c 'phr' -n '__phr_should_offer_completions_for_positional "phr db" -eq 1' -fa 'path' -d 'Print where the store file is (of the profile in use).'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr db check" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion db check -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr db check" passphrase-file' -l 'passphrase-file' -d 'Read the passphrase from the first line of this file.' -rF
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr db check" passphrase-stdin' -l 'passphrase-stdin' -d 'Read the passphrase from the first line of standard input.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr db check" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr db check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr db path" profile' -l 'profile' -d 'Use this profile\'s store (default: PHR_PROFILE, else the default profile).' -rfka '(__phr_custom_completion ---completion db path -- --profile (count (__phr_tokens -pc)) (__phr_tokens -tC))'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr db path" version' -l 'version' -d 'Show the version.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr db path" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr' -n '__phr_should_offer_completions_for_flags_or_options "phr help" version' -l 'version' -d 'Show the version.'
