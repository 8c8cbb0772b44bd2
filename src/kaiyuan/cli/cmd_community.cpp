// kaiyuan community REPO...: who contributes, how much and for how long, from git history read
// straight from the object database (docs/cli.md, "community"). The first part of issue 18:
// contributors and the contributor absence factor; the other CHAOSS metrics come next.
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/community/contributors.hpp"
#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/util/text_table.hpp"

#include <ctime>
#include <filesystem>

namespace kaiyuan::cli {

namespace {

struct CommunityArgs {
    std::vector<std::string> repositories;
    std::string since, until, format, output;
    bool all_refs = false;
    bool quiet = false;
};

/// "2024-01-31" -> seconds since the epoch at 00:00 UTC; errors name the option.
std::int64_t parse_date(const std::string& text, const char* option) {
    std::tm tm{};
    if (text.size() != 10 || !strptime(text.c_str(), "%Y-%m-%d", &tm))
        throw CommandError{std::string(option) + ": '" + text + "' is not a date (YYYY-MM-DD)"};
    return static_cast<std::int64_t>(timegm(&tm));
}

std::string iso(std::int64_t t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

/// A repository, or a directory of clones (each subdirectory that is one).
std::vector<std::string> expand_repositories(const std::vector<std::string>& given) {
    namespace fs = std::filesystem;
    std::vector<std::string> out;
    for (const auto& path : given) {
        std::error_code ec;
        bool is_repo =
            fs::exists(fs::path(path) / ".git", ec) ||
            (fs::exists(fs::path(path) / "HEAD", ec) && fs::exists(fs::path(path) / "objects", ec));
        if (is_repo || !fs::is_directory(path, ec)) {
            out.push_back(path);
            continue;
        }
        std::vector<std::string> inside;
        for (const auto& e : fs::directory_iterator(path, ec)) {
            auto p = e.path();
            if (fs::exists(p / ".git", ec) ||
                (fs::exists(p / "HEAD", ec) && fs::exists(p / "objects", ec)))
                inside.push_back(p.string());
        }
        std::sort(inside.begin(), inside.end());
        if (inside.empty()) out.push_back(path); // the walk says why it is no repository
        out.insert(out.end(), inside.begin(), inside.end());
    }
    return out;
}

void run_community(const CommunityArgs& a) {
    community::WalkOptions options;
    options.all_refs = a.all_refs;
    if (!a.since.empty()) options.since = parse_date(a.since, "--since");
    if (!a.until.empty()) options.until = parse_date(a.until, "--until");
    std::vector<community::History> histories;
    for (const auto& repo : expand_repositories(a.repositories)) {
        auto h = community::walk_history(repo, options);
        if (!h) throw CommandError{h.error().message};
        report_diagnostics(h->diagnostics, a.quiet);
        histories.push_back(std::move(*h));
    }
    std::vector<const community::History*> all;
    std::uint64_t commits = 0, added = 0, removed = 0;
    for (const auto& h : histories) {
        all.push_back(&h);
        commits += h.commits.size();
        for (const auto& c : h.commits) {
            added += c.added;
            removed += c.removed;
        }
    }
    auto people = community::contributors(all);
    std::size_t bots = static_cast<std::size_t>(
        std::count_if(people.begin(), people.end(), [](const auto& p) { return p.bot; }));
    std::size_t caf = community::contributor_absence_factor(people);
    std::string fmt =
        a.format.empty() ? (output_is_terminal(a.output) ? "table" : "json") : a.format;
    std::string out;
    if (fmt == "json") {
        format::JsonOut j(out);
        j.begin_object();
        j.key("repositories").begin_array();
        for (const auto& h : histories)
            j.begin_object()
                .field("path", h.repository)
                .field("commits", static_cast<std::int64_t>(h.commits.size()))
                .field("mailmap", !h.mailmap.empty())
                .end_object();
        j.end_array();
        j.key("window").begin_object();
        j.field_if("since", a.since).field_if("until", a.until).end_object();
        j.key("parameters").begin_object();
        j.field("merges", std::string("counted as commits; their lines are not counted (as git "
                                      "log --numstat)"));
        j.field("renames", std::string("not detected: a rename is a deletion and an addition "
                                       "(as git log --numstat --no-renames)"));
        j.field("refs", std::string(a.all_refs ? "all" : "HEAD"));
        j.end_object();
        j.key("summary").begin_object();
        j.field("commits", static_cast<std::int64_t>(commits));
        j.field("contributors", static_cast<std::int64_t>(people.size() - bots));
        j.field("bots", static_cast<std::int64_t>(bots));
        j.field("linesAdded", static_cast<std::int64_t>(added));
        j.field("linesRemoved", static_cast<std::int64_t>(removed));
        j.field("contributorAbsenceFactor", static_cast<std::int64_t>(caf));
        j.end_object();
        j.key("contributors").begin_array();
        for (const auto& p : people) {
            j.begin_object().field("name", p.name);
            j.key("emails").begin_array();
            for (const auto& e : p.emails)
                j.value(e);
            j.end_array();
            j.field("bot", p.bot);
            j.key("repositories").begin_array();
            for (const auto& r : p.repositories)
                j.value(r);
            j.end_array();
            j.field("commits", static_cast<std::int64_t>(p.commits));
            j.field("merges", static_cast<std::int64_t>(p.merges));
            j.field("linesAdded", static_cast<std::int64_t>(p.lines_added));
            j.field("linesRemoved", static_cast<std::int64_t>(p.lines_removed));
            j.field("firstCommit", iso(p.first_commit)).field("lastCommit", iso(p.last_commit));
            j.end_object();
        }
        j.end_array();
        j.end_object();
        out += "\n";
    } else if (fmt == "table") {
        out = std::to_string(commits) + " commits, " + std::to_string(people.size() - bots) +
              " contributors (" + std::to_string(bots) + " bots apart), +" + std::to_string(added) +
              " -" + std::to_string(removed) + " lines; contributor absence factor " +
              std::to_string(caf) + "\n";
        util::TextTable t{{"CONTRIBUTOR", "EMAILS", "COMMITS", "+LINES", "-LINES", "FIRST", "LAST"},
                          {}};
        for (const auto& p : people)
            t.rows.push_back({p.name + (p.bot ? " (bot)" : ""),
                              util::join({p.emails.begin(), p.emails.end()}, ", "),
                              std::to_string(p.commits), std::to_string(p.lines_added),
                              std::to_string(p.lines_removed), iso(p.first_commit).substr(0, 10),
                              iso(p.last_commit).substr(0, 10)});
        out += util::render(t, util::terminal_width());
    } else {
        throw CommandError{"-f: unknown format '" + fmt + "' (table, json)"};
    }
    OutputOptions o;
    o.output = a.output;
    o.emit(out);
}

} // namespace

void register_community(CLI::App& app) {
    auto args = std::make_shared<CommunityArgs>();
    auto* cmd = app.add_subcommand("community",
                                   "who contributes, how much and for how long, from git history");
    cmd->add_option("REPO", args->repositories,
                    "git repositories (work trees or bare), or directories of clones")
        ->required();
    cmd->add_option("--since", args->since, "only commits authored on or after this date");
    cmd->add_option("--until", args->until, "only commits authored before this date");
    cmd->add_flag("--all-refs", args->all_refs, "walk every branch and tag, not only HEAD");
    cmd->add_option("-f,--format", args->format,
                    "table or json (default: table on a terminal, json otherwise)");
    cmd->add_option("-o,--output", args->output, "write to FILE instead of stdout");
    cmd->add_flag("-q,--quiet", args->quiet, "no diagnostics on stderr");
    cmd->callback([args] { run_community(*args); });
}

} // namespace kaiyuan::cli
