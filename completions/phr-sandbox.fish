function __phr-sandbox_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __phr-sandbox_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __phr-sandbox_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __phr-sandbox_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __phr-sandbox_parse_tokens -S
    set -l unparsed_tokens (__phr-sandbox_tokens -pc)
    switch $unparsed_tokens[1]
    case 'phr-sandbox'
        __phr-sandbox_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'serve'
            __phr-sandbox_parse_subcommand 0 'seed=' 'port=' 'account-port=' 'healthid-port=' 'host=' 'data-dir=' 'auto-approve' 'no-etag' 'fault=+' 'quiet' 'tls-cert=' 'tls-key=' 'version' 'h/help'
        case 'citizens'
            __phr-sandbox_parse_subcommand 0 'seed=' 'json' 'version' 'h/help'
        case 'demo-config'
            __phr-sandbox_parse_subcommand 0 'server=' 'account-server=' 'healthid-server=' 'dir=' 'force' 'version' 'h/help'
        case 'help'
            __phr-sandbox_parse_subcommand -r 1 'version'
        end
    end
end

function __phr-sandbox_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __phr-sandbox_parse_subcommand -S -a positional_count
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

function __phr-sandbox_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __phr-sandbox_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__phr-sandbox_tokens -p)
    if test -z "$(__phr-sandbox_tokens -t)"
        set -l index (count (__phr-sandbox_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'phr-sandbox' -f
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox" version' -l 'version' -d 'Show the version.'
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_positional "phr-sandbox" -eq 1' -fa 'serve' -d 'Serve the PHR API, the Account Center and Health ID, each on its own port.'
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_positional "phr-sandbox" -eq 1' -fa 'citizens' -d 'List the synthetic citizens: CID, kind, name, rows (--json: also rows per Action, the card\'s fields and a child\'s mother).'
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_positional "phr-sandbox" -eq 1' -fa 'demo-config' -d 'Write a phr config.toml (and the demo account\'s password-hash file) for this sandbox.'
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_positional "phr-sandbox" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox serve" seed' -l 'seed' -d 'Seed for the synthetic citizens (same seed → same data).' -rfka ''
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox serve" port' -l 'port' -d 'Port of the PHR API (and its /oauth2); 0 lets the kernel pick a free one.' -rfka ''
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox serve" account-port' -l 'account-port' -d 'Port of the Account Center (default: --port + 1, or a free one with --port 0).' -rfka ''
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox serve" healthid-port' -l 'healthid-port' -d 'Port of Health ID (default: --port + 2, or a free one with --port 0).' -rfka ''
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox serve" host' -l 'host' -d 'Address to listen on.' -rfka ''
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox serve" data-dir' -l 'data-dir' -d 'Directory for the signing keys and the saved state, sandbox.sqlite (created 0700).' -rfka ''
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox serve" auto-approve' -l 'auto-approve' -d 'Approve Health ID\'s /oauth/redirect at once when login_hint names a sandbox citizen (headless demos and tests).'
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox serve" no-etag' -l 'no-etag' -d 'Answer reads without ETag and never with 304, like the real service.'
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox serve"' -l 'fault' -d 'Inject a fault into a share of the PHR API\'s /api requests: kind[=arg][@probability], e.g. status=503@0.1 (repeatable).' -rfka ''
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox serve" quiet' -l 'quiet' -d 'Log only warnings and errors.'
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox serve" tls-cert' -l 'tls-cert' -d 'PEM certificate (chain) to serve HTTPS (see scripts/gen-ca).' -rfka ''
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox serve" tls-key' -l 'tls-key' -d 'PEM private key for --tls-cert.' -rfka ''
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox serve" version' -l 'version' -d 'Show the version.'
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox serve" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox citizens" seed' -l 'seed' -d 'Seed for the synthetic citizens (same seed → same data).' -rfka ''
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox citizens" json' -l 'json' -d 'Print JSON.'
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox citizens" version' -l 'version' -d 'Show the version.'
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox citizens" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox demo-config" server' -l 'server' -d 'The sandbox\'s PHR API URL, e.g. http://127.0.0.1:8787.' -rfka ''
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox demo-config" account-server' -l 'account-server' -d 'The sandbox\'s Account Center URL (default: the --server host, its port + 1).' -rfka ''
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox demo-config" healthid-server' -l 'healthid-server' -d 'The sandbox\'s Health ID URL (default: the --server host, its port + 2).' -rfka ''
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox demo-config" dir' -l 'dir' -d 'Directory to write config.toml into (created 0700).' -rfka ''
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox demo-config" force' -l 'force' -d 'Replace an existing config.toml that says something else.'
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox demo-config" version' -l 'version' -d 'Show the version.'
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox demo-config" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'phr-sandbox' -n '__phr-sandbox_should_offer_completions_for_flags_or_options "phr-sandbox help" version' -l 'version' -d 'Show the version.'
