//! Help in the user's language: clap's texts replaced from the catalogue before parsing.
//!
//! The derive attributes define the arguments; what `--help` says of them comes from
//! [`crate::i18n::help`], in Vietnamese or English (`--lang en`, or `HAILONG_LANG=en`), down to
//! clap's own headings and the help and version flags. This module must not parse or run
//! anything: it only rewrites the command's texts.

use crate::i18n::{Lang, help};
use clap::{Arg, ArgAction, Command};
use std::ffi::OsString;

/// The language of the help, read before clap parses: `--lang X` or `--lang=X` on the command
/// line, else `HAILONG_LANG`, else Vietnamese.
pub fn lang_of(args: &[OsString]) -> Lang {
    let named = |v: &str| match v.trim().to_lowercase().as_str() {
        "en" => Some(Lang::En),
        "vi" => Some(Lang::Vi),
        _ => None,
    };
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            if let Some(l) = it.next().and_then(|v| named(&v)) {
                return l;
            }
        } else if let Some(l) = a.strip_prefix("--lang=").and_then(named) {
            return l;
        }
    }
    std::env::var("HAILONG_LANG")
        .ok()
        .and_then(|v| named(&v))
        .unwrap_or_default()
}

/// Where an argument's text is found: the command's own key, then its family's.
pub fn keys(path: &str, arg: &str) -> [String; 2] {
    let own = if path.is_empty() {
        arg.to_string()
    } else {
        format!("{path} {arg}")
    };
    [own, format!("{arg}@{}", family(path))]
}

/// The commands whose arguments are shared: `check` takes `import`'s, `export` `score`'s, and a
/// nested command its parent's.
fn family(path: &str) -> &str {
    match path.split(' ').next().unwrap_or("") {
        "check" => "import",
        "export" => "score",
        first => first,
    }
}

/// How an argument is named in the catalogue: `--long`, or `<id>` for a positional one.
pub fn arg_key(a: &Arg) -> String {
    match a.get_long() {
        Some(l) => format!("--{l}"),
        None => format!("<{}>", a.get_id()),
    }
}

/// The text of an argument of the command at `path`.
pub fn arg_text(path: &str, a: &Arg, lang: Lang) -> Option<&'static str> {
    keys(path, &arg_key(a))
        .iter()
        .find_map(|k| help::text(k, lang))
}

/// The command with every text in `lang`.
pub fn localize(cmd: Command, lang: Lang) -> Command {
    walk(cmd, "", lang)
}

fn walk(mut cmd: Command, path: &str, lang: Lang) -> Command {
    if let Some(t) = help::text(path, lang) {
        cmd = cmd.about(t);
    }
    let (options, arguments, commands, usage) = match lang {
        Lang::Vi => ("Tùy chọn", "Đối số", "Lệnh", "Cách dùng:"),
        Lang::En => ("Options", "Arguments", "Commands", "Usage:"),
    };
    let said_default = match lang {
        Lang::Vi => "mặc định",
        Lang::En => "default",
    };
    let ids: Vec<(String, Option<String>, bool, bool)> = cmd
        .get_arguments()
        .map(|a| {
            // clap's "[default: …]", "[env: …]" and "Possible values" are English: the
            // default is said in the text instead, in the text's language.
            let default: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .filter(|v| !v.is_empty())
                .collect();
            let text = arg_text(path, a, lang).map(|t| {
                if default.is_empty() || t.contains(said_default) {
                    t.to_string()
                } else {
                    format!("{t} ({said_default}: {})", default.join(", "))
                }
            });
            let takes = a.get_action().takes_values();
            (a.get_id().to_string(), text, a.is_positional(), takes)
        })
        .collect();
    for (id, text, positional, takes) in ids {
        let heading = if positional { arguments } else { options };
        cmd = cmd.mut_arg(id, |a| {
            let a = a.help_heading(heading).hide_env(true);
            let a = if takes {
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            };
            match text {
                Some(t) => a.help(t),
                None => a,
            }
        });
    }
    cmd = cmd
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(help::text("--help", lang).unwrap_or("help"))
                .help_heading(options),
        )
        .subcommand_help_heading(commands)
        .help_template(format!(
            "{{about-with-newline}}\n{usage} {{usage}}\n\n{{all-args}}{{after-help}}"
        ));
    if path.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(help::text("--version", lang).unwrap_or("version"))
                .help_heading(options),
        );
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| walk(s, &sub_path, lang));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every text the catalogue must have: (key tried, path, argument).
    fn needed(c: &Command, path: &str, out: &mut Vec<(String, String)>) {
        out.push((path.to_string(), String::new()));
        for a in c.get_arguments() {
            out.push((path.to_string(), arg_key(a)));
        }
        for s in c.get_subcommands() {
            let p = if path.is_empty() {
                s.get_name().to_string()
            } else {
                format!("{path} {}", s.get_name())
            };
            needed(s, &p, out);
        }
    }

    /// Every subcommand and option has its help in both languages, and the catalogue holds
    /// no text for an option that does not exist (a renamed flag must take its text along).
    #[test]
    fn every_option_has_its_help_and_every_help_its_option() {
        let mut want = Vec::new();
        needed(&crate::cli::Cli::command(), "", &mut want);
        let mut used = std::collections::BTreeSet::new();
        let mut missing = Vec::new();
        for (path, arg) in &want {
            let found = if arg.is_empty() {
                help::text(path, Lang::Vi).map(|_| path.clone())
            } else {
                keys(path, arg)
                    .into_iter()
                    .find(|k| help::text(k, Lang::Vi).is_some())
            };
            match found {
                Some(k) => {
                    used.insert(k);
                }
                None => missing.push(format!("{path} {arg}")),
            }
        }
        assert!(missing.is_empty(), "no help text for: {missing:#?}");
        let unused: Vec<&str> = help::HELP
            .iter()
            .map(|(k, _, _)| *k)
            .filter(|k| !used.contains(*k) && !["--help", "--version"].contains(k))
            .collect();
        assert!(unused.is_empty(), "help texts of no option: {unused:?}");
    }

    /// clap checks a command's definition only when it is used: every subcommand's help is
    /// built in both languages here (a flag marked wrongly panicked at `serve --help`).
    #[test]
    fn every_help_builds_in_both_languages() {
        fn all(c: &mut Command) {
            let _ = c.render_long_help();
            for s in c.get_subcommands_mut() {
                all(s);
            }
        }
        for lang in [Lang::Vi, Lang::En] {
            let mut cmd = localize(crate::cli::Cli::command(), lang);
            cmd.build();
            cmd.clone().debug_assert();
            all(&mut cmd);
        }
    }

    #[test]
    fn the_help_speaks_the_language_asked_for() {
        for (lang, about, heading) in [
            (Lang::Vi, "Nhập các tệp phiếu", "Tùy chọn"),
            (Lang::En, "Import survey workbooks", "Options"),
        ] {
            let mut cmd = localize(crate::cli::Cli::command(), lang);
            let text = cmd
                .find_subcommand_mut("import")
                .expect("import")
                .render_help()
                .to_string();
            assert!(text.contains(about) && text.contains(heading), "{text}");
        }
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_of(&args(&["hailong", "--lang", "en", "score"])),
            Lang::En
        );
        assert_eq!(lang_of(&args(&["hailong", "score", "--lang=en"])), Lang::En);
        assert_eq!(
            lang_of(&args(&["hailong", "--", "--lang", "en"])),
            lang_of(&args(&["hailong"]))
        );
    }
}
