// kaiyuan review BASE HEAD: what a change adds in packages, licenses and vulnerabilities, judged
// by a policy (docs/cli.md, "review"); and kaiyuan sbom diff A B, the same difference unjudged.
#include "kaiyuan/attest/statement.hpp"
#include "kaiyuan/cli/attest_output.hpp"
#include "kaiyuan/cli/common.hpp"
#include "kaiyuan/cli/targets.hpp"
#include "kaiyuan/format/common.hpp"
#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/review/report.hpp"
#include "kaiyuan/source/git_tree.hpp"
#include "kaiyuan/vuln/database.hpp"

#include <cstdlib>
#include <filesystem>
#include <set>

namespace kaiyuan::cli {

namespace {

struct ReviewArgs {
    std::string base, head;
    std::string git;         ///< --git REPO: BASE and HEAD are revisions
    bool merge_base = false; ///< --merge-base: compare HEAD with its merge base with BASE
    std::string policy, db, format, output;
    bool no_db = false;
    bool quiet = false;
    AttestOptions attest;
};

/// The review as in-toto's test result predicate (in-toto/attestation spec/predicates/
/// test-results.md, v0.1): pass or fail, the policy file as the configuration, each violation a
/// failed or warned test named "rule: message", the rules that found nothing as passed tests,
/// and kaiyuan's whole JSON review in "review" (consumers ignore fields they do not know).
std::string review_predicate(const review::ReviewResult& result, const std::string& policy,
                             const std::string& report_json) {
    std::string out;
    format::JsonOut json(out);
    json.begin_object();
    json.field("result", result.failed() ? "fail" : "pass");
    json.key("configuration").begin_array();
    if (!policy.empty()) {
        auto subject = attest::file_subject(policy, policy);
        if (!subject) throw CommandError{subject.error().message};
        json.begin_object().field("name", policy).key("digest").begin_object();
        json.field("sha256", subject->digest("sha256")).end_object().end_object();
    }
    json.end_array();
    std::set<std::string> with_findings;
    for (const auto& v : result.violations)
        with_findings.insert(v.rule);
    json.key("passedTests").begin_array();
    for (const char* rule :
         {"vulnerability", "license", "unknown-license", "denied-package", "unreadable"})
        if (!with_findings.count(rule)) json.value(rule);
    json.end_array();
    for (bool errors : {false, true}) {
        json.key(errors ? "failedTests" : "warnedTests").begin_array();
        for (const auto& v : result.violations)
            if (v.error == errors) json.value(v.rule + ": " + v.message);
        json.end_array();
    }
    json.key("review").raw(report_json);
    json.end_object();
    return out;
}

/// The two sides: files, directories, images and SBOMs, or two revisions of a repository.
std::pair<model::Sbom, model::Sbom> read_sides(ReviewArgs& a) {
    if (a.git.empty()) {
        if (a.base.empty() || a.head.empty())
            throw CommandError{"BASE and HEAD are both needed (or --git REPO with revisions)"};
        auto base = sbom_of(a.base, a.quiet);
        return {std::move(base), sbom_of(a.head, a.quiet)};
    }
    std::string base_rev = a.base, head_rev = a.head.empty() ? "HEAD" : a.head;
    if (base_rev.empty()) throw CommandError{"--git: the base revision is needed"};
    if (a.merge_base) {
        auto mb = source::merge_base(a.git, base_rev, head_rev);
        if (!mb) throw CommandError{mb.error().message};
        if (!a.quiet)
            std::fprintf(stderr, "kaiyuan: merge base of %s and %s is %s\n", base_rev.c_str(),
                         head_rev.c_str(), mb->substr(0, 12).c_str());
        base_rev = *mb;
    }
    auto side = [&](const std::string& rev) {
        auto tree = source::open_git_tree(a.git, rev);
        if (!tree) throw CommandError{tree.error().message};
        auto sbom = sbom_of_tree(**tree, rev, a.quiet);
        return sbom;
    };
    auto base = side(base_rev);
    return {std::move(base), side(head_rev)};
}

review::ReviewFormat format_of(const std::string& format, const std::string& output) {
    if (format.empty())
        return output_is_terminal(output) ? review::ReviewFormat::table
                                          : review::ReviewFormat::json;
    auto f = review::parse_review_format(format);
    if (!f) throw CommandError{"-f: " + f.error().message};
    return *f;
}

std::string today() {
    std::string now = format::now_rfc3339();
    return now.substr(0, 10);
}

void run_review(ReviewArgs& a) {
    auto fmt = format_of(a.format, a.output);
    if (a.attest.wanted()) {
        if (fmt != review::ReviewFormat::json)
            throw CommandError{"--attest signs the JSON review: give -f json"};
        (void)a.attest.destination(a.output);
    }
    std::optional<review::ReviewPolicy> policy;
    if (!a.policy.empty()) {
        auto p = review::read_review_policy_file(a.policy);
        if (!p) throw CommandError{p.error().message};
        policy = std::move(*p);
        // The action's base-ref and head-ref name the revisions when the command line does not.
        if (!a.git.empty() && a.base.empty()) a.base = policy->base_ref;
        if (!a.git.empty() && a.head.empty()) a.head = policy->head_ref;
    }
    std::optional<vuln::Database> db;
    if (!a.no_db) {
        std::string path = a.db.empty() ? vuln::default_database_path() : a.db;
        std::error_code ec;
        if (!a.db.empty() || std::filesystem::exists(path, ec)) {
            auto opened = vuln::Database::open(path, false);
            if (!opened) throw CommandError{opened.error().message};
            db.emplace(std::move(*opened));
        } else if (!a.quiet) {
            std::fprintf(stderr,
                         "kaiyuan: vulnerabilities not checked: no advisory database at %s "
                         "(kaiyuan db update, or --db)\n",
                         path.c_str());
        }
    }
    auto [base, head] = read_sides(a);
    review::ReviewInput input{base, head, db ? &*db : nullptr, policy ? &*policy : nullptr,
                              today()};
    auto result = review::run_review(input);
    if (!result) throw CommandError{result.error().message};
    report_diagnostics(result->diagnostics, a.quiet);
    OutputOptions out;
    out.output = a.output;
    std::string document = review::write_review({base, head, *result, true, 0}, fmt);
    out.emit(document);
    if (a.attest.wanted()) {
        // The verdict is signed whatever it is: a failing review is evidence too.
        // With --git the head is a revision, not a file: the subject is then the review itself.
        write_output_attestation(a.attest, a.git.empty() ? a.head : std::string(),
                                 review_predicate(*result, a.policy, document), a.output,
                                 "test-result", a.quiet);
    }
    if (result->failed()) throw CommandError{"review: " + review::verdict_of(*result), k_policy};
}

void add_sides(CLI::App& cmd, ReviewArgs& a) {
    cmd.add_option("BASE", a.base,
                   "before the change: an SBOM, a directory, archive, image or lockfile, or with "
                   "--git a revision");
    cmd.add_option("HEAD", a.head, "after the change (with --git, default HEAD)");
    cmd.add_option("--git", a.git,
                   "BASE and HEAD are revisions of this repository, read from its object database "
                   "without a checkout");
    cmd.add_flag("--merge-base", a.merge_base,
                 "with --git: compare HEAD with the merge base of BASE and HEAD (what a pull "
                 "request changes)");
    cmd.add_option("-f,--format", a.format,
                   "table, json, markdown, sarif, github (default: table on a terminal, json "
                   "otherwise)");
    cmd.add_option("-o,--output", a.output, "write to FILE instead of stdout");
    cmd.add_flag("-q,--quiet", a.quiet, "no progress or diagnostics on stderr");
}

} // namespace

void register_review(CLI::App& app) {
    auto args = std::make_shared<ReviewArgs>();
    auto* cmd = app.add_subcommand(
        "review", "what a change adds in packages, licenses and vulnerabilities, judged by a "
                  "policy; exit 1 on a violation");
    add_sides(*cmd, *args);
    cmd->add_option("--policy", args->policy,
                    "review policy (YAML; dependency-review-action's configuration file works)")
        ->check(CLI::ExistingFile);
    cmd->add_option("--db", args->db,
                    "advisory database (default: $KAIYUAN_DB, else the user's cache directory, "
                    "when it exists)");
    cmd->add_flag("--no-db", args->no_db, "do not check vulnerabilities");
    args->attest.add_to(*cmd);
    cmd->callback([args] { run_review(*args); });
}

void register_sbom_diff(CLI::App& sbom) {
    auto args = std::make_shared<ReviewArgs>();
    auto* cmd = sbom.add_subcommand(
        "diff", "the packages and licenses that differ between two SBOMs (or scan targets)");
    add_sides(*cmd, *args);
    cmd->callback([args] {
        auto fmt = format_of(args->format, args->output);
        auto [base, head] = read_sides(*args);
        review::ReviewResult result;
        result.diff = review::diff_sboms(base, head);
        OutputOptions out;
        out.output = args->output;
        out.emit(review::write_review({base, head, result, false, 0}, fmt));
    });
}

} // namespace kaiyuan::cli
