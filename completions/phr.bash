#!/bin/bash

__phr_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__phr_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__phr_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__phr_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_phr() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=(--profile)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    init|login|sync|show|export|status|logout|share|clinic|card|kiosk|profile|measure|report-visit|passwd|unlock|lock|db|help)
        # Offer subcommand argument completions
        "_phr_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'init login sync show export status logout share clinic card kiosk profile measure report-visit passwd unlock lock db help' -- "${cur}"))
        ;;
    esac
}

_phr_init() {
    repeating_flags=()
    non_repeating_flags=(--passphrase-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --passphrase-file)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion init -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    esac
}

_phr_login() {
    repeating_flags=()
    non_repeating_flags=(--card --oauth --no-browser --passphrase-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--cid --reader --wait --server --account-server --healthid-server --ca-file --profile --passphrase-file)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--cid')
        return
        ;;
    '--reader')
        return
        ;;
    '--wait')
        return
        ;;
    '--server')
        return
        ;;
    '--account-server')
        return
        ;;
    '--healthid-server')
        return
        ;;
    '--ca-file')
        __phr_add_completions -o plusdirs -fX '!*.@(pem|crt)'
        return
        ;;
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion login -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    esac
}

_phr_sync() {
    repeating_flags=()
    non_repeating_flags=(--full --quiet -q --passphrase-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--kind --jobs --server --account-server --healthid-server --ca-file --profile --passphrase-file)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--kind')
        __phr_add_completions -W 'vitals'$'\n''conditions'$'\n''meds'$'\n''allergies'$'\n''vaccines'$'\n''coverage'$'\n''encounters'$'\n''labs'
        return
        ;;
    '--jobs')
        return
        ;;
    '--server')
        return
        ;;
    '--account-server')
        return
        ;;
    '--healthid-server')
        return
        ;;
    '--ca-file')
        __phr_add_completions -o plusdirs -fX '!*.@(pem|crt)'
        return
        ;;
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion sync -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    esac
}

_phr_show() {
    repeating_flags=()
    non_repeating_flags=(--ce --chart --json --no-color --full-cid --passphrase-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--test --lang --since --unit --limit --profile --passphrase-file --server --account-server --healthid-server --ca-file)
    __phr_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--test')
        __phr_add_completions -W 'hba1c'$'\n''glucose'$'\n''creatinine'$'\n''egfr'$'\n''ldl'$'\n''hdl'$'\n''tg'$'\n''chol'$'\n''bun'$'\n''k'$'\n''na'$'\n''alt'$'\n''ast'$'\n''hb'$'\n''hct'$'\n''ualb'$'\n''ckd'
        return
        ;;
    '--lang')
        __phr_add_completions -W 'th'$'\n''en'
        return
        ;;
    '--since')
        return
        ;;
    '--unit')
        return
        ;;
    '--limit')
        return
        ;;
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion show -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    '--server')
        return
        ;;
    '--account-server')
        return
        ;;
    '--healthid-server')
        return
        ;;
    '--ca-file')
        __phr_add_completions -o plusdirs -fX '!*.@(pem|crt)'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __phr_add_completions -W 'summary'$'\n''vitals'$'\n''conditions'$'\n''meds'$'\n''allergies'$'\n''vaccines'$'\n''coverage'$'\n''encounters'$'\n''labs'$'\n''flags'$'\n''caregivers'$'\n''appointments'
        return
        ;;
    esac
}

_phr_export() {
    repeating_flags=()
    non_repeating_flags=(--force --bom --full-cid --ce --passphrase-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--format --kind -o --output --rows --lang --since --unit --profile --passphrase-file --server --account-server --healthid-server --ca-file)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--format')
        __phr_add_completions -W 'fhir'$'\n''json'$'\n''csv'$'\n''text'$'\n''pdf'$'\n''ics'
        return
        ;;
    '--kind')
        __phr_add_completions -W 'vitals'$'\n''conditions'$'\n''meds'$'\n''allergies'$'\n''vaccines'$'\n''coverage'$'\n''encounters'$'\n''labs'
        return
        ;;
    '-o'|'--output')
        __phr_add_completions -f
        return
        ;;
    '--rows')
        return
        ;;
    '--lang')
        __phr_add_completions -W 'th'$'\n''en'
        return
        ;;
    '--since')
        return
        ;;
    '--unit')
        return
        ;;
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion export -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    '--server')
        return
        ;;
    '--account-server')
        return
        ;;
    '--healthid-server')
        return
        ;;
    '--ca-file')
        __phr_add_completions -o plusdirs -fX '!*.@(pem|crt)'
        return
        ;;
    esac
}

_phr_status() {
    repeating_flags=()
    non_repeating_flags=(--passphrase-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--server --account-server --healthid-server --ca-file --profile --passphrase-file)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--server')
        return
        ;;
    '--account-server')
        return
        ;;
    '--healthid-server')
        return
        ;;
    '--ca-file')
        __phr_add_completions -o plusdirs -fX '!*.@(pem|crt)'
        return
        ;;
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion status -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    esac
}

_phr_logout() {
    repeating_flags=()
    non_repeating_flags=(--passphrase-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --passphrase-file)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion logout -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    esac
}

_phr_share() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __phr_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|revoke|log)
        # Offer subcommand argument completions
        "_phr_share_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list revoke log' -- "${cur}"))
        ;;
    esac
}

_phr_share_create() {
    repeating_flags=()
    non_repeating_flags=(--qr --json --passphrase-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--kinds --for --expires --uses --qr-out --server --account-server --healthid-server --ca-file --profile --passphrase-file)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--kinds')
        __phr_add_completions -W 'vitals'$'\n''conditions'$'\n''meds'$'\n''allergies'$'\n''vaccines'$'\n''coverage'$'\n''encounters'$'\n''labs'
        return
        ;;
    '--for')
        return
        ;;
    '--expires')
        return
        ;;
    '--uses')
        return
        ;;
    '--qr-out')
        __phr_add_completions -o plusdirs -fX '!*.@(png|svg)'
        return
        ;;
    '--server')
        return
        ;;
    '--account-server')
        return
        ;;
    '--healthid-server')
        return
        ;;
    '--ca-file')
        __phr_add_completions -o plusdirs -fX '!*.@(pem|crt)'
        return
        ;;
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion share create -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    esac
}

_phr_share_list() {
    repeating_flags=()
    non_repeating_flags=(--codes --json --passphrase-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--server --account-server --healthid-server --ca-file --profile --passphrase-file)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--server')
        return
        ;;
    '--account-server')
        return
        ;;
    '--healthid-server')
        return
        ;;
    '--ca-file')
        __phr_add_completions -o plusdirs -fX '!*.@(pem|crt)'
        return
        ;;
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion share list -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    esac
}

_phr_share_revoke() {
    repeating_flags=()
    non_repeating_flags=(--all --passphrase-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--server --account-server --healthid-server --ca-file --profile --passphrase-file)
    __phr_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--server')
        return
        ;;
    '--account-server')
        return
        ;;
    '--healthid-server')
        return
        ;;
    '--ca-file')
        __phr_add_completions -o plusdirs -fX '!*.@(pem|crt)'
        return
        ;;
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion share revoke -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    esac
}

_phr_share_log() {
    repeating_flags=()
    non_repeating_flags=(--json --passphrase-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--server --account-server --healthid-server --ca-file --profile --passphrase-file)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--server')
        return
        ;;
    '--account-server')
        return
        ;;
    '--healthid-server')
        return
        ;;
    '--ca-file')
        __phr_add_completions -o plusdirs -fX '!*.@(pem|crt)'
        return
        ;;
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion share log -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    esac
}

_phr_clinic() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __phr_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    fetch)
        # Offer subcommand argument completions
        "_phr_clinic_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'fetch' -- "${cur}"))
        ;;
    esac
}

_phr_clinic_fetch() {
    repeating_flags=()
    non_repeating_flags=(--force --ce --version -h --help)
    repeating_options=()
    non_repeating_options=(--cid --code --code-file --unit --kind --format --output -o --lang --server --account-server --healthid-server --ca-file)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--cid')
        return
        ;;
    '--code')
        return
        ;;
    '--code-file')
        return
        ;;
    '--unit')
        return
        ;;
    '--kind')
        __phr_add_completions -W 'vitals'$'\n''conditions'$'\n''meds'$'\n''allergies'$'\n''vaccines'$'\n''coverage'$'\n''encounters'$'\n''labs'
        return
        ;;
    '--format')
        __phr_add_completions -W 'fhir'$'\n''json'$'\n''csv'$'\n''text'$'\n''pdf'$'\n''ics'
        return
        ;;
    '--output'|'-o')
        __phr_add_completions -f
        return
        ;;
    '--lang')
        __phr_add_completions -W 'th'$'\n''en'
        return
        ;;
    '--server')
        return
        ;;
    '--account-server')
        return
        ;;
    '--healthid-server')
        return
        ;;
    '--ca-file')
        __phr_add_completions -o plusdirs -fX '!*.@(pem|crt)'
        return
        ;;
    esac
}

_phr_card() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __phr_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    status|read)
        # Offer subcommand argument completions
        "_phr_card_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'status read' -- "${cur}"))
        ;;
    esac
}

_phr_card_status() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __phr_offer_flags_options 0
}

_phr_card_read() {
    repeating_flags=()
    non_repeating_flags=(--json --full-cid --force --version -h --help)
    repeating_options=()
    non_repeating_options=(--reader --wait --photo)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--reader')
        return
        ;;
    '--wait')
        return
        ;;
    '--photo')
        __phr_add_completions -o plusdirs -fX '!*.@(jpg|jpeg)'
        return
        ;;
    esac
}

_phr_kiosk() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--config --visits)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        __phr_add_completions -o plusdirs -fX '!*.@(toml)'
        return
        ;;
    '--visits')
        return
        ;;
    esac
}

_phr_profile() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __phr_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|add|remove)
        # Offer subcommand argument completions
        "_phr_profile_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list add remove' -- "${cur}"))
        ;;
    esac
}

_phr_profile_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--profile)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion profile list -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_phr_profile_add() {
    repeating_flags=()
    non_repeating_flags=(--shared-passphrase --from-caregiver --passphrase-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--name --cid --profile --passphrase-file --server --account-server --healthid-server --ca-file)
    __phr_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '--cid')
        return
        ;;
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion profile add -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    '--server')
        return
        ;;
    '--account-server')
        return
        ;;
    '--healthid-server')
        return
        ;;
    '--ca-file')
        __phr_add_completions -o plusdirs -fX '!*.@(pem|crt)'
        return
        ;;
    esac
}

_phr_profile_remove() {
    repeating_flags=()
    non_repeating_flags=(--yes --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __phr_offer_flags_options 1
}

_phr_measure() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __phr_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|import|list|send)
        # Offer subcommand argument completions
        "_phr_measure_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add import list send' -- "${cur}"))
        ;;
    esac
}

_phr_measure_add() {
    repeating_flags=()
    non_repeating_flags=(--fasting --force --passphrase-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--pulse --at --device --server --account-server --healthid-server --ca-file --profile --passphrase-file)
    __phr_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--pulse')
        return
        ;;
    '--at')
        return
        ;;
    '--device')
        return
        ;;
    '--server')
        return
        ;;
    '--account-server')
        return
        ;;
    '--healthid-server')
        return
        ;;
    '--ca-file')
        __phr_add_completions -o plusdirs -fX '!*.@(pem|crt)'
        return
        ;;
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion measure add -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __phr_add_completions -W 'bp'$'\n''glucose'$'\n''weight'$'\n''temp'$'\n''spo2'
        return
        ;;
    esac
}

_phr_measure_import() {
    repeating_flags=()
    non_repeating_flags=(--force --passphrase-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--server --account-server --healthid-server --ca-file --profile --passphrase-file)
    __phr_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--server')
        return
        ;;
    '--account-server')
        return
        ;;
    '--healthid-server')
        return
        ;;
    '--ca-file')
        __phr_add_completions -o plusdirs -fX '!*.@(pem|crt)'
        return
        ;;
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion measure import -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __phr_add_completions -o plusdirs -fX '!*.@(csv)'
        return
        ;;
    esac
}

_phr_measure_list() {
    repeating_flags=()
    non_repeating_flags=(--json --passphrase-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--limit --profile --passphrase-file)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--limit')
        return
        ;;
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion measure list -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    esac
}

_phr_measure_send() {
    repeating_flags=()
    non_repeating_flags=(--passphrase-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--server --account-server --healthid-server --ca-file --profile --passphrase-file)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--server')
        return
        ;;
    '--account-server')
        return
        ;;
    '--healthid-server')
        return
        ;;
    '--ca-file')
        __phr_add_completions -o plusdirs -fX '!*.@(pem|crt)'
        return
        ;;
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion measure send -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    esac
}

_phr_report-visit() {
    repeating_flags=()
    non_repeating_flags=(--list --yes -y --passphrase-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--reason --undo --server --account-server --healthid-server --ca-file --profile --passphrase-file)
    __phr_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--reason')
        return
        ;;
    '--undo')
        return
        ;;
    '--server')
        return
        ;;
    '--account-server')
        return
        ;;
    '--healthid-server')
        return
        ;;
    '--ca-file')
        __phr_add_completions -o plusdirs -fX '!*.@(pem|crt)'
        return
        ;;
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion report-visit -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    esac
}

_phr_passwd() {
    repeating_flags=()
    non_repeating_flags=(--passphrase-stdin --only-this-profile --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --passphrase-file --new-passphrase-file)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion passwd -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    '--new-passphrase-file')
        __phr_add_completions -f
        return
        ;;
    esac
}

_phr_unlock() {
    repeating_flags=()
    non_repeating_flags=(--passphrase-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--minutes --profile --passphrase-file)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--minutes')
        return
        ;;
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion unlock -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    esac
}

_phr_lock() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __phr_offer_flags_options 0
}

_phr_db() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __phr_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    check|path)
        # Offer subcommand argument completions
        "_phr_db_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'check path' -- "${cur}"))
        ;;
    esac
}

_phr_db_check() {
    repeating_flags=()
    non_repeating_flags=(--passphrase-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --passphrase-file)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion db check -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    '--passphrase-file')
        __phr_add_completions -f
        return
        ;;
    esac
}

_phr_db_path() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--profile)
    __phr_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        __phr_add_completions -W "$(__phr_custom_complete ---completion db path -- --profile "${COMP_CWORD}" "$(__phr_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_phr_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __phr_offer_flags_options -1
}

complete -o filenames -F _phr phr
