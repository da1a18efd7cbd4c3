"""`netplan completion bash|zsh|fish`: a completion script for the shell, made from the
parser itself (netplan/cli/parser_model.py), so it always knows every command and option.

The scripts complete both `netplan` and `netplan-tui`. Put where the shell looks first
for the user's own completions, they win over the system's: Ubuntu's and Debian's
netplan.io ship a completion for Canonical's `/usr/sbin/netplan` (`apply`, `generate`,
`ip` …) in /usr/share/bash-completion/completions/netplan, and bash-completion reads
~/.local/share/bash-completion/completions/ before that folder.
"""

from __future__ import annotations

import argparse

SHELLS = ("bash", "zsh", "fish")
COMMANDS = ("netplan", "netplan-tui")
# Where each script goes so that the shell finds it (README, `netplan completion --help`).
WHERE = {
    "bash": "~/.local/share/bash-completion/completions/netplan (and a copy named netplan-tui)",
    "zsh": "a folder on $fpath, as the file _netplan (e.g. ~/.zfunc/_netplan)",
    "fish": "~/.config/fish/completions/netplan.fish (and netplan-tui.fish)",
}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "completion", help="print a shell completion script (bash, zsh or fish)",
        description="Print a completion script for netplan and netplan-tui. Install it as: "
        + "; ".join(f"{shell}: {where}" for shell, where in WHERE.items())
        + ". The user's own completion wins over the system's netplan (Canonical's).")
    p.add_argument("shell", choices=SHELLS, help="the shell to complete in")
    p.set_defaults(func=cmd_completion)


def cmd_completion(args: argparse.Namespace) -> int:
    from . import build_parser
    from .parser_model import read

    tree = read(build_parser())
    script = {"bash": bash_script, "zsh": zsh_script, "fish": fish_script}[args.shell](tree)
    print(script, end="")
    return 0


# -- the facts every script needs, per command node ------------------------------------

def _tables(tree) -> dict[str, dict[str, str]]:
    """Keyed by "netplan add contact" (a node), "node --opt" (an option's value) or
    "node #N" (the N-th positional word): subcommands, options, which options take a
    value, word choices and which places take file names."""
    subs, opts, valued, choices, files = {}, {}, {}, {}, {}
    for node in tree.walk():
        key = node.key
        subs[key] = " ".join(c.path[-1] for c in node.commands)
        opts[key] = " ".join(f for o in node.options for f in o.flags)
        takes = [f for o in node.options if o.takes_value for f in o.flags]
        valued[key] = " " + " ".join(takes) + " "
        for option in node.options:
            for flag in option.flags:
                if option.choices:
                    choices[f"{key} {flag}"] = " ".join(option.choices)
                elif option.takes_value and option.is_path:
                    files[f"{key} {flag}"] = "1"
        for n, positional in enumerate(node.positionals):
            if positional.choices:
                choices[f"{key} #{n}"] = " ".join(positional.choices)
            elif positional.is_path:
                files[f"{key} #{n}"] = "1"
    return {"subs": subs, "opts": opts, "valued": valued, "choices": choices, "files": files}


def _sh_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _assoc(name: str, table: dict[str, str], declare: str) -> str:
    rows = "\n".join(f"    [{_sh_quote(k)}]={_sh_quote(v)}" for k, v in sorted(table.items()))
    return f"{declare} {name}=(\n{rows}\n)\n"


# -- bash ---------------------------------------------------------------------------------

BASH_FUNCTION = r"""
_netplan_tui() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
    local node=netplan word i skip=0 npos=0
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${COMP_WORDS[i]}"
        if ((skip)); then skip=0; continue; fi
        case "$word" in
            --*=*) continue ;;
            -*) [[ "${_netplan_tui_valued[$node]}" == *" $word "* ]] && skip=1; continue ;;
        esac
        if [[ " ${_netplan_tui_subs[$node]} " == *" $word "* ]]; then
            node="$node $word"; npos=0
        else
            npos=$((npos + 1))
        fi
    done
    local place="$node #$npos"
    ((skip)) && place="$node $prev"
    COMPREPLY=()
    if ((!skip)) && [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "${_netplan_tui_opts[$node]}" -- "$cur"))
    elif ((!skip)) && [[ -n "${_netplan_tui_subs[$node]}" ]]; then
        COMPREPLY=($(compgen -W "${_netplan_tui_subs[$node]}" -- "$cur"))
    elif [[ -n "${_netplan_tui_choices[$place]+set}" ]]; then
        COMPREPLY=($(compgen -W "${_netplan_tui_choices[$place]}" -- "$cur"))
    elif [[ -n "${_netplan_tui_files[$place]+set}" ]]; then
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
    return 0
}
complete -F _netplan_tui netplan netplan-tui
"""


def bash_script(tree) -> str:
    t = _tables(tree)
    head = ("# bash completion for netplan and netplan-tui (`netplan completion bash`).\n"
            f"# Install: {WHERE['bash']};\n"
            "# bash-completion reads that folder before the system's, where Canonical's\n"
            "# netplan.io keeps the completion of /usr/sbin/netplan.\n")
    # -g: bash-completion sources this file inside a function.
    tables = "".join(_assoc(f"_netplan_tui_{name}", table, "declare -gA")
                     for name, table in t.items())
    return head + tables + BASH_FUNCTION


# -- zsh ----------------------------------------------------------------------------------

ZSH_FUNCTION = r"""
_netplan_tui() {
    local node=netplan word skip=0 npos=0 i
    for ((i = 2; i < CURRENT; i++)); do
        word="${words[i]}"
        if ((skip)); then skip=0; continue; fi
        case "$word" in
            --*=*) continue ;;
            -*) [[ "${_netplan_tui_valued[$node]}" == *" $word "* ]] && skip=1; continue ;;
        esac
        if [[ " ${_netplan_tui_subs[$node]} " == *" $word "* ]]; then
            node="$node $word"; npos=0
        else
            npos=$((npos + 1))
        fi
    done
    local place="$node #$npos" cur="${words[CURRENT]}"
    ((skip)) && place="$node ${words[CURRENT-1]}"
    local -a items
    if ((!skip)) && [[ "$cur" == -* ]]; then
        items=("${(@f)_netplan_tui_optdesc[$node]}")
        _describe -t options option items
    elif ((!skip)) && [[ -n "${_netplan_tui_subs[$node]}" ]]; then
        items=("${(@f)_netplan_tui_subdesc[$node]}")
        _describe -t commands command items
    elif (( ${+_netplan_tui_choices[$place]} )); then
        compadd -- ${=_netplan_tui_choices[$place]}
    elif (( ${+_netplan_tui_files[$place]} )); then
        _files
    fi
}
if [[ "${zsh_eval_context[-1]}" == loadautofunc ]]; then
    _netplan_tui "$@"
else
    compdef _netplan_tui netplan netplan-tui
fi
"""


def _zsh_item(name: str, text: str) -> str:
    return name.replace(":", "\\:") + (":" + " ".join(text.split()) if text else "")


def zsh_script(tree) -> str:
    t = _tables(tree)
    subdesc = {n.key: "\n".join(_zsh_item(c.path[-1], c.help) for c in n.commands)
               for n in tree.walk()}
    optdesc = {n.key: "\n".join(_zsh_item(f, o.help) for o in n.options for f in o.flags)
               for n in tree.walk()}
    head = ("#compdef netplan netplan-tui\n"
            "# zsh completion for netplan and netplan-tui (`netplan completion zsh`).\n"
            f"# Install: {WHERE['zsh']}, or `source <(netplan completion zsh)` after compinit.\n")
    tables = "".join(_assoc(f"_netplan_tui_{name}", table, "typeset -gA")
                     for name, table in {**t, "subdesc": subdesc, "optdesc": optdesc}.items())
    return head + tables + ZSH_FUNCTION


# -- fish ---------------------------------------------------------------------------------

FISH_FUNCTIONS = r"""
function __netplan_tui_node
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l node netplan
    set -l skip 0
    for word in $tokens
        if test $skip = 1
            set skip 0
            continue
        end
        switch $word
            case '--*=*'
                continue
            case '-*'
                if contains -- "$node $word" $__netplan_tui_valued
                    set skip 1
                end
                continue
        end
        if contains -- "$node $word" $__netplan_tui_nodes
            set node "$node $word"
        end
    end
    echo $node
end

function __netplan_tui_at
    test (__netplan_tui_node) = "$argv[1]"
end
"""


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fish_script(tree) -> str:
    nodes = [n.key for n in tree.walk()]
    valued = [f"{n.key} {f}" for n in tree.walk() for o in n.options if o.takes_value
              for f in o.flags]
    lines = ["# fish completion for netplan and netplan-tui (`netplan completion fish`).",
             f"# Install: {WHERE['fish']}.",
             "set -g __netplan_tui_nodes " + " ".join(map(_fish_quote, nodes)),
             "set -g __netplan_tui_valued " + " ".join(map(_fish_quote, valued)),
             FISH_FUNCTIONS]
    for command in COMMANDS:
        lines.append(f"complete -c {command} -f")
        for node in tree.walk():
            at = f"-n {_fish_quote('__netplan_tui_at ' + _fish_quote(node.key))}"
            for sub in node.commands:
                lines.append(f"complete -c {command} {at} -a {_fish_quote(sub.path[-1])}"
                             f" -d {_fish_quote(sub.help)}")
            for option in node.options:
                flags = " ".join(f"-l {f[2:]}" if f.startswith("--") else f"-s {f[1:]}"
                                 for f in option.flags)
                value = ""
                if option.choices:
                    value = f" -x -a {_fish_quote(' '.join(option.choices))}"
                elif option.takes_value:
                    value = " -r -F" if option.is_path else " -x"
                lines.append(f"complete -c {command} {at} {flags}{value}"
                             f" -d {_fish_quote(option.help)}")
            for positional in node.positionals[:1]:
                if positional.choices:
                    lines.append(f"complete -c {command} {at} -a "
                                 f"{_fish_quote(' '.join(positional.choices))}")
                elif positional.is_path:
                    lines.append(f"complete -c {command} {at} -F")
    return "\n".join(lines) + "\n"
