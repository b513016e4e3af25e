#compdef phr-sandbox

__phr-sandbox_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__phr-sandbox_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __phr-sandbox_complete "${completions[@]:0:-1}"
    fi
}

__phr-sandbox_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_phr-sandbox() {
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
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'serve:Serve the PHR API, the Account Center and Health ID, each on its own port.'
            'citizens:List the synthetic citizens: CID, kind, name, rows (--json: also rows per Action, the card'\''s fields and a child'\''s mother).'
            'demo-config:Write a phr config.toml (and the demo account'\''s password-hash file) for this sandbox.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        serve|citizens|demo-config|help)
            "_phr-sandbox_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_phr-sandbox_serve() {
    local -i ret=1
    local -ar arg_specs=(
        '--seed[Seed for the synthetic citizens (same seed → same data).]:seed:'
        '--port[Port of the PHR API (and its /oauth2); 0 lets the kernel pick a free one.]:port:'
        '--account-port[Port of the Account Center (default\: --port + 1, or a free one with --port 0).]:account-port:'
        '--healthid-port[Port of Health ID (default\: --port + 2, or a free one with --port 0).]:healthid-port:'
        '--host[Address to listen on.]:host:'
        '--data-dir[Directory for the signing keys and the saved state, sandbox.sqlite (created 0700).]:data-dir:'
        '--auto-approve[Approve Health ID'\''s /oauth/redirect at once when login_hint names a sandbox citizen (headless demos and tests).]'
        '--no-etag[Answer reads without ETag and never with 304, like the real service.]'
        '*--fault[Inject a fault into a share of the PHR API'\''s /api requests\: kind\[=arg\]\[@probability\], e.g. status=503@0.1 (repeatable).]:fault:'
        '--quiet[Log only warnings and errors.]'
        '--tls-cert[PEM certificate (chain) to serve HTTPS (see scripts/gen-ca).]:tls-cert:'
        '--tls-key[PEM private key for --tls-cert.]:tls-key:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr-sandbox_citizens() {
    local -i ret=1
    local -ar arg_specs=(
        '--seed[Seed for the synthetic citizens (same seed → same data).]:seed:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr-sandbox_demo-config() {
    local -i ret=1
    local -ar arg_specs=(
        '--server[The sandbox'\''s PHR API URL, e.g. http\://127.0.0.1\:8787.]:server:'
        '--account-server[The sandbox'\''s Account Center URL (default\: the --server host, its port + 1).]:account-server:'
        '--healthid-server[The sandbox'\''s Health ID URL (default\: the --server host, its port + 2).]:healthid-server:'
        '--dir[Directory to write config.toml into (created 0700).]:dir:'
        '--force[Replace an existing config.toml that says something else.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_phr-sandbox_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _phr-sandbox ]]; then
    _phr-sandbox "${@}"
else
    compdef _phr-sandbox phr-sandbox
fi
