// kaiyuan community REPO...: who contributes, how much and for how long, from git history read
// straight from the object database (docs/cli.md, "community"): contributors and their
// profiles, CHAOSS metrics per period.
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/community/change_requests.hpp"
#include "kaiyuan/community/metrics.hpp"
#include "kaiyuan/community/openrank.hpp"
#include "kaiyuan/community/report_html.hpp"
#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/util/text_table.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <optional>

namespace kaiyuan::cli {

namespace {

struct CommunityArgs {
    std::vector<std::string> repositories;
    std::string since, until, format, output, identities;
    std::vector<std::string> events;
    std::string period = "quarter";
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
    return community::iso_time(t);
}

/// A work tree (with .git) or a bare repository (HEAD and objects/).
bool is_repository(const std::filesystem::path& p) {
    std::error_code ec;
    return std::filesystem::exists(p / ".git", ec) ||
           (std::filesystem::exists(p / "HEAD", ec) && std::filesystem::exists(p / "objects", ec));
}

/// A repository, or a directory of clones (each subdirectory that is one).
std::vector<std::string> expand_repositories(const std::vector<std::string>& given) {
    namespace fs = std::filesystem;
    std::vector<std::string> out;
    for (const auto& path : given) {
        std::error_code ec;
        if (is_repository(path) || !fs::is_directory(path, ec)) {
            out.push_back(path);
            continue;
        }
        std::vector<std::string> inside;
        for (const auto& e : fs::directory_iterator(path, ec))
            if (is_repository(e.path())) inside.push_back(e.path().string());
        std::sort(inside.begin(), inside.end());
        if (inside.empty()) out.push_back(path); // the walk says why it is no repository
        out.insert(out.end(), inside.begin(), inside.end());
    }
    return out;
}

std::string csv_cell(std::string_view s) {
    // RFC 4180, and no formula a spreadsheet would run (=, +, -, @ first).
    std::string v(s);
    if (!v.empty() && std::string_view("=+-@").find(v[0]) != std::string_view::npos) v = "'" + v;
    if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
    util::replace_all(v, "\"", "\"\"");
    return "\"" + v + "\"";
}

/// The top `n` entries of a map by value, most first.
std::vector<std::pair<std::string, std::uint64_t>>
top(const std::map<std::string, std::uint64_t>& m, std::size_t n) {
    std::vector<std::pair<std::string, std::uint64_t>> v(m.begin(), m.end());
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (v.size() > n) v.resize(n);
    return v;
}

const std::string& main_organization(const community::Contributor& p) {
    static const std::string none = community::k_unaffiliated;
    if (p.organizations.empty()) return none;
    return std::max_element(p.organizations.begin(), p.organizations.end(),
                            [](const auto& a, const auto& b) { return a.second < b.second; })
        ->first;
}

void period_json(format::JsonOut& j, const community::PeriodMetrics& m) {
    j.begin_object();
    j.field_if("period", m.period);
    j.field("codeChangesCommits", static_cast<std::int64_t>(m.commits));
    j.field("codeChangesLinesAdded", static_cast<std::int64_t>(m.lines_added));
    j.field("codeChangesLinesRemoved", static_cast<std::int64_t>(m.lines_removed));
    j.field("contributors", static_cast<std::int64_t>(m.active));
    if (!m.period.empty()) {
        j.field("newContributors", static_cast<std::int64_t>(m.new_contributors));
        j.field("inactiveContributors", static_cast<std::int64_t>(m.inactive));
        if (m.retention >= 0) j.field("retention", m.retention);
        j.key("roles").begin_object();
        j.field("core", static_cast<std::int64_t>(m.core));
        j.field("regular", static_cast<std::int64_t>(m.regular));
        j.field("casual", static_cast<std::int64_t>(m.casual)).end_object();
    }
    if (m.time_to_first_contribution_days >= 0)
        j.field("timeToFirstContributionMedianDays",
                std::round(m.time_to_first_contribution_days * 100) / 100);
    j.field("contributorAbsenceFactor", static_cast<std::int64_t>(m.contributor_absence_factor));
    j.field("elephantFactor", static_cast<std::int64_t>(m.elephant_factor));
    j.key("organizationalDiversity").begin_object();
    for (const auto& [org, n] : top(m.organizations, m.organizations.size()))
        j.field(org, static_cast<std::int64_t>(n));
    j.end_object();
    j.end_object();
}

std::string fixed1(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

/// Hours and days with two decimals; absent (-1) fields are left out.
void field_if_known(format::JsonOut& j, const char* key, double v) {
    if (v >= 0) j.field(key, std::round(v * 100) / 100);
}

void change_requests_json(format::JsonOut& j, const community::ChangeRequestMetrics& m,
                          const std::vector<std::string>& files,
                          const std::map<std::string, std::string>& contributor_of_login) {
    j.key("changeRequests").begin_object();
    j.key("files").begin_array();
    for (const auto& f : files)
        j.value(f);
    j.end_array();
    j.field("changeRequests", static_cast<std::int64_t>(m.change_requests));
    j.field("changeRequestsAccepted", static_cast<std::int64_t>(m.accepted));
    j.field("changeRequestsDeclined", static_cast<std::int64_t>(m.declined));
    field_if_known(j, "changeRequestAcceptanceRatio", m.acceptance_ratio);
    field_if_known(j, "timeToMergeMedianHours", m.median_hours_to_merge);
    field_if_known(j, "timeToFirstResponseMedianHours", m.median_hours_to_first_response);
    j.field("changeRequestsUnanswered", static_cast<std::int64_t>(m.unanswered_change_requests));
    field_if_known(j, "changeRequestReviewsMean", m.mean_reviews);
    field_if_known(j, "changeRequestReviewsMedian", m.median_reviews);
    j.field("issuesNew", static_cast<std::int64_t>(m.issues));
    j.field("issuesClosed", static_cast<std::int64_t>(m.issues_closed));
    field_if_known(j, "issueTimeToFirstResponseMedianHours",
                   m.median_hours_to_first_response_issues);
    j.field("issuesUnanswered", static_cast<std::int64_t>(m.unanswered_issues));
    field_if_known(j, "issueResolutionDurationMedianDays", m.median_days_to_close_issues);
    j.field("activity", std::round(m.activity * 100) / 100);
    j.key("participants").begin_array();
    for (const auto& p : m.participants) {
        j.begin_object().field("login", p.login).field("bot", p.bot);
        if (auto it = contributor_of_login.find(util::to_lower(p.login));
            it != contributor_of_login.end())
            j.field("contributor", it->second);
        j.field("issueComments", static_cast<std::int64_t>(p.issue_comments));
        j.field("issuesOpened", static_cast<std::int64_t>(p.issues_opened));
        j.field("changeRequestsOpened", static_cast<std::int64_t>(p.change_requests_opened));
        j.field("changeRequestsMerged", static_cast<std::int64_t>(p.change_requests_merged));
        j.field("reviews", static_cast<std::int64_t>(p.reviews));
        j.field("reviewComments", static_cast<std::int64_t>(p.review_comments));
        j.field("activity", std::round(p.activity * 100) / 100);
        j.end_object();
    }
    j.end_array();
    j.end_object();
}

void run_community(const CommunityArgs& a) {
    community::WalkOptions options;
    options.all_refs = a.all_refs;
    if (!a.since.empty()) options.since = parse_date(a.since, "--since");
    if (!a.until.empty()) options.until = parse_date(a.until, "--until");
    auto period = community::parse_period(a.period);
    if (!period) throw CommandError{"--period: " + period.error().message};
    std::optional<community::Identities> identities;
    if (!a.identities.empty()) {
        auto ids = community::Identities::read_file(a.identities);
        if (!ids) throw CommandError{ids.error().message};
        identities = std::move(*ids);
    }
    std::string fmt =
        a.format.empty() ? (output_is_terminal(a.output) ? "table" : "json") : a.format;
    if (fmt != "json" && fmt != "table" && fmt != "csv" && fmt != "html")
        throw CommandError{"-f: unknown format '" + fmt + "' (table, json, csv, html)"};
    community::Events events;
    for (const auto& file : a.events)
        if (auto r = community::read_events_file(file, events); !r)
            throw CommandError{r.error().message};
    report_diagnostics(events.diagnostics, a.quiet);
    std::vector<community::History> histories;
    for (const auto& repo : expand_repositories(a.repositories)) {
        auto h = community::walk_history(repo, options);
        if (!h) throw CommandError{h.error().message};
        report_diagnostics(h->diagnostics, a.quiet);
        histories.push_back(std::move(*h));
    }
    std::vector<const community::History*> all;
    for (const auto& h : histories)
        all.push_back(&h);
    auto people = community::identify(all, identities ? &*identities : nullptr);
    auto metrics = community::compute_metrics(all, people, *period);
    auto rank = community::compute_openrank(all, people);
    const auto& whole = metrics.whole;
    std::optional<community::ChangeRequestMetrics> requests;
    if (!a.events.empty())
        requests = community::change_request_metrics(events, options.since, options.until);
    // A contributor's GitHub login, from the noreply address GitHub commits with.
    std::map<std::string, std::string> contributor_of_login;
    std::vector<std::vector<std::string>> logins(people.contributors.size());
    for (std::size_t i = 0; i < people.contributors.size(); ++i)
        for (const auto& e : people.contributors[i].emails)
            if (auto login = community::github_login_of_email(e); !login.empty()) {
                logins[i].push_back(login);
                contributor_of_login.emplace(util::to_lower(login), people.contributors[i].name);
            }
    std::size_t bots = static_cast<std::size_t>(std::count_if(people.contributors.begin(),
                                                              people.contributors.end(),
                                                              [](const auto& p) { return p.bot; }));
    std::string out;
    if (fmt == "json") {
        format::JsonOut j(out);
        j.begin_object();
        j.key("repositories").begin_array();
        for (const auto& h : histories)
            j.begin_object()
                .field("path", h.repository)
                .field("commits", static_cast<std::int64_t>(h.commits.size()))
                .field("tags", static_cast<std::int64_t>(h.tags.size()))
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
        j.field("period", a.period);
        j.field("bots", std::string("counted apart: not in contributors, factors or roles"));
        j.field("openrank", std::string("monthly developer-repository graph of commits; "
                                        "retention 0.5/0.3, attenuation 0.85, min 0.1, "
                                        "tolerance 0.001; openrankFiles: the same on the "
                                        "monthly developer-file graph (docs/cli.md)"));
        j.end_object();
        j.key("summary").begin_object();
        j.field("commits", static_cast<std::int64_t>(whole.commits));
        j.field("contributors", static_cast<std::int64_t>(people.contributors.size() - bots));
        j.field("bots", static_cast<std::int64_t>(bots));
        j.field("linesAdded", static_cast<std::int64_t>(whole.lines_added));
        j.field("linesRemoved", static_cast<std::int64_t>(whole.lines_removed));
        j.field("contributorAbsenceFactor",
                static_cast<std::int64_t>(whole.contributor_absence_factor));
        j.field("elephantFactor", static_cast<std::int64_t>(whole.elephant_factor));
        j.field("organizations", static_cast<std::int64_t>(whole.organizations.size()));
        j.end_object();
        j.key("metrics").begin_object();
        j.key("whole");
        period_json(j, whole);
        j.key("periods").begin_array();
        for (const auto& m : metrics.periods)
            period_json(j, m);
        j.end_array();
        j.key("activityDatesAndTimes").begin_object();
        for (const auto& [key, grid] : {std::pair{"utc", &metrics.activity_utc},
                                        std::pair{"local", &metrics.activity_local}}) {
            j.key(key).begin_array();
            for (const auto& day : *grid) {
                j.begin_array();
                for (auto n : day)
                    j.value(static_cast<std::int64_t>(n));
                j.end_array();
            }
            j.end_array();
        }
        j.end_object();
        j.key("fileOwnership").begin_array();
        for (std::size_t i = 0; i < metrics.ownership.size() && i < 50; ++i) {
            const auto& o = metrics.ownership[i];
            j.begin_object().field("directory", o.directory);
            j.field("lines", static_cast<std::int64_t>(o.lines)).key("owners").begin_array();
            for (const auto& [who, lines] : o.top)
                j.begin_object()
                    .field("name", people.contributors[who].name)
                    .field("lines", static_cast<std::int64_t>(lines))
                    .end_object();
            j.end_array().end_object();
        }
        j.end_array();
        j.key("releaseCadence").begin_object();
        j.field("releases", static_cast<std::int64_t>(metrics.releases.size()));
        if (metrics.median_days_between_releases >= 0)
            j.field("medianDaysBetween", metrics.median_days_between_releases);
        if (!metrics.releases.empty())
            j.field("last", metrics.releases.back().name)
                .field("lastDate", iso(metrics.releases.back().time));
        j.end_object();
        j.end_object();
        if (requests) change_requests_json(j, *requests, a.events, contributor_of_login);
        j.key("contributors").begin_array();
        for (std::size_t i = 0; i < people.contributors.size(); ++i) {
            const auto& p = people.contributors[i];
            j.begin_object().field("name", p.name);
            j.key("emails").begin_array();
            for (const auto& e : p.emails)
                j.value(e);
            j.end_array();
            j.field("bot", p.bot);
            j.field("organization", main_organization(p));
            j.key("organizations").begin_array();
            for (const auto& [org, n] : p.organizations)
                j.begin_object()
                    .field("name", org)
                    .field("commits", static_cast<std::int64_t>(n))
                    .end_object();
            j.end_array();
            j.key("repositories").begin_array();
            for (const auto& r : p.repositories)
                j.value(r);
            j.end_array();
            j.field("commits", static_cast<std::int64_t>(p.commits));
            j.field("merges", static_cast<std::int64_t>(p.merges));
            j.field("linesAdded", static_cast<std::int64_t>(p.lines_added));
            j.field("linesRemoved", static_cast<std::int64_t>(p.lines_removed));
            j.field("firstCommit", iso(p.first_commit)).field("lastCommit", iso(p.last_commit));
            j.field("tenureDays",
                    static_cast<std::int64_t>((p.last_commit - p.first_commit) / 86400));
            for (const auto& [key, m] :
                 {std::pair{"areas", &p.areas}, std::pair{"languages", &p.languages}}) {
                j.key(key).begin_array();
                for (const auto& [name, lines] : top(*m, 5))
                    j.begin_object()
                        .field("name", name)
                        .field("lines", static_cast<std::int64_t>(lines))
                        .end_object();
                j.end_array();
            }
            j.field("openrank", rank.latest[i]).field("openrankTotal", rank.total[i]);
            j.field("openrankFiles", rank.file_latest[i])
                .field("openrankFilesTotal", rank.file_total[i]);
            if (!logins[i].empty()) {
                j.key("logins").begin_array();
                for (const auto& l : logins[i])
                    j.value(l);
                j.end_array();
            }
            j.key("roles").begin_object();
            for (const auto& [per, role] : metrics.roles[i])
                j.field(per, role);
            j.end_object();
            j.end_object();
        }
        j.end_array();
        j.end_object();
        out += "\n";
    } else if (fmt == "html") {
        out = community::write_html(
            {util::join(a.repositories, ", "), people, metrics, requests ? &*requests : nullptr});
    } else if (fmt == "csv") {
        out = "name,emails,bot,organization,commits,merges,linesAdded,linesRemoved,firstCommit,"
              "lastCommit\r\n";
        for (const auto& p : people.contributors)
            out += csv_cell(p.name) + "," +
                   csv_cell(util::join({p.emails.begin(), p.emails.end()}, " ")) + "," +
                   (p.bot ? "true" : "false") + "," + csv_cell(main_organization(p)) + "," +
                   std::to_string(p.commits) + "," + std::to_string(p.merges) + "," +
                   std::to_string(p.lines_added) + "," + std::to_string(p.lines_removed) + "," +
                   iso(p.first_commit) + "," + iso(p.last_commit) + "\r\n";
    } else {
        out = std::to_string(whole.commits) + " commits, " +
              std::to_string(people.contributors.size() - bots) + " contributors (" +
              std::to_string(bots) + " bots apart), +" + std::to_string(whole.lines_added) + " -" +
              std::to_string(whole.lines_removed) + " lines; contributor absence factor " +
              std::to_string(whole.contributor_absence_factor) + ", elephant factor " +
              std::to_string(whole.elephant_factor) + " (" +
              std::to_string(whole.organizations.size()) + " organisations)\n";
        if (requests) {
            auto hours = [](double h) { return h < 0 ? std::string("-") : fixed1(h) + " h"; };
            out += std::to_string(requests->change_requests) + " change requests opened, " +
                   std::to_string(requests->accepted) + " merged, " +
                   std::to_string(requests->declined) + " declined; median time to merge " +
                   hours(requests->median_hours_to_merge) + ", to first response " +
                   hours(requests->median_hours_to_first_response) + "; " +
                   std::to_string(requests->issues) + " issues opened, " +
                   std::to_string(requests->issues_closed) + " closed; activity " +
                   fixed1(requests->activity) + "\n";
        }
        util::TextTable t{
            {"CONTRIBUTOR", "ORGANISATION", "COMMITS", "+LINES", "-LINES", "FIRST", "LAST"}, {}};
        for (const auto& p : people.contributors)
            t.rows.push_back({p.name + (p.bot ? " (bot)" : ""), main_organization(p),
                              std::to_string(p.commits), std::to_string(p.lines_added),
                              std::to_string(p.lines_removed), iso(p.first_commit).substr(0, 10),
                              iso(p.last_commit).substr(0, 10)});
        out += util::render(t, util::terminal_width());
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
    cmd->add_option("--period", args->period, "month, quarter (default) or year");
    cmd->add_option("--identities", args->identities,
                    "YAML: people with their emails and dated organisations, bots, domains")
        ->check(CLI::ExistingFile);
    cmd->add_option("--events", args->events,
                    "issues, pull requests, comments and reviews as GitHub's or Gitee's REST "
                    "API returns them (JSON; repeatable)")
        ->check(CLI::ExistingFile);
    cmd->add_option("-f,--format", args->format,
                    "table, json, csv or html (default: table on a terminal, json otherwise)");
    cmd->add_option("-o,--output", args->output, "write to FILE instead of stdout");
    cmd->add_flag("-q,--quiet", args->quiet, "no diagnostics on stderr");
    cmd->callback([args] { run_community(*args); });
}

} // namespace kaiyuan::cli
