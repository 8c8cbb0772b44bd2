#include "kaiyuan/community/raw_commit.hpp"

#include "kaiyuan/source/git_handles.hpp"
#include "kaiyuan/util/strings.hpp"

#include <limits>

namespace kaiyuan::community {

namespace {

bool parse_oid(std::string_view hex, git_oid& out) {
    if (hex.size() != GIT_OID_HEXSZ) return false;
    for (char c : hex)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    return git_oid_fromstrn(&out, hex.data(), hex.size()) == 0;
}

/// "Name <email> 1700000000 +0100": the name before the first '<', the email up to the next
/// '>', then the time and zone; what is missing or unreadable stays empty or 0 (`ok` false).
void parse_ident(std::string_view line, Identity& who, std::int64_t& time, int& offset, bool& ok) {
    ok = false;
    time = 0;
    offset = 0;
    auto lt = line.find('<');
    if (lt == std::string_view::npos) {
        who.name = std::string(util::trim(line));
        return;
    }
    who.name = std::string(util::trim(line.substr(0, lt)));
    auto gt = line.find('>', lt + 1);
    if (gt == std::string_view::npos) {
        who.email = std::string(line.substr(lt + 1));
        return;
    }
    who.email = std::string(line.substr(lt + 1, gt - lt - 1));
    std::string_view rest = util::trim(line.substr(gt + 1));
    std::uint64_t t = 0;
    std::size_t i = 0;
    for (; i < rest.size() && rest[i] >= '0' && rest[i] <= '9'; ++i) {
        auto digit = static_cast<std::uint64_t>(rest[i] - '0');
        if (t > (static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) - digit) / 10)
            return; // overflows: no date, as git shows it
        t = t * 10 + digit;
    }
    if (i == 0) return;
    rest = util::trim(rest.substr(i));
    if (rest.size() == 5 && (rest[0] == '+' || rest[0] == '-')) {
        int hh = 0, mm = 0;
        bool digits = true;
        for (std::size_t k = 1; k < 5; ++k)
            digits = digits && rest[k] >= '0' && rest[k] <= '9';
        if (digits) {
            hh = (rest[1] - '0') * 10 + (rest[2] - '0');
            mm = (rest[3] - '0') * 10 + (rest[4] - '0');
            offset = (hh * 60 + mm) * (rest[0] == '-' ? -1 : 1);
        }
    }
    time = static_cast<std::int64_t>(t);
    ok = true;
}

} // namespace

Result<CommitInfo> parse_raw_commit(std::string_view text) {
    CommitInfo c;
    c.lenient = true;
    bool have_tree = false, have_author = false;
    while (!text.empty()) {
        auto eol = text.find('\n');
        std::string_view line = text.substr(0, eol);
        text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
        if (line.empty()) break;           // the message follows
        if (line.front() == ' ') continue; // a continuation (gpgsig, mergetag)
        auto space = line.find(' ');
        std::string_view key = line.substr(0, space);
        std::string_view value = space == std::string_view::npos ? "" : line.substr(space + 1);
        if (key == "tree" && !have_tree) {
            have_tree = parse_oid(value, c.tree);
            if (!have_tree) return fail("its tree line is not an object id");
        } else if (key == "parent") {
            git_oid p;
            if (!parse_oid(value, p)) return fail("a parent line is not an object id");
            c.parents.push_back(p);
        } else if (key == "author" && !have_author) {
            have_author = true;
            bool ok = false;
            parse_ident(value, c.author, c.time, c.offset, ok);
            c.date_broken = !ok;
        } else if (key == "committer") {
            Identity committer;
            int offset = 0;
            bool ok = false;
            parse_ident(value, committer, c.commit_time, offset, ok);
        }
    }
    if (!have_tree) return fail("no tree line: not a commit");
    if (!have_author) c.date_broken = true;
    return c;
}

Result<CommitInfo> load_commit(git_repository* repo, const git_oid& id) {
    source::git::Commit commit;
    if (git_commit_lookup(&commit.p, repo, &id) == 0) {
        CommitInfo c;
        git_oid_cpy(&c.tree, git_commit_tree_id(commit.p));
        for (unsigned i = 0; i < git_commit_parentcount(commit.p); ++i)
            if (const git_oid* p = git_commit_parent_id(commit.p, i)) c.parents.push_back(*p);
        if (const git_signature* a = git_commit_author(commit.p)) {
            c.author = {a->name ? a->name : "", a->email ? a->email : ""};
            c.time = a->when.time;
            c.offset = a->when.offset;
        }
        c.commit_time = git_commit_time(commit.p);
        return c;
    }
    std::string refused = source::git::problem();
    source::git::Odb odb;
    git_odb_object* raw = nullptr;
    if (git_repository_odb(&odb.p, repo) != 0 || git_odb_read(&raw, odb.p, &id) != 0)
        return fail(refused);
    bool is_commit = git_odb_object_type(raw) == GIT_OBJECT_COMMIT;
    std::string_view text(static_cast<const char*>(git_odb_object_data(raw)),
                          git_odb_object_size(raw));
    auto parsed = is_commit ? parse_raw_commit(text) : Result<CommitInfo>(fail("not a commit"));
    git_odb_object_free(raw);
    if (!parsed) return fail(refused + "; read as text: " + parsed.error().message);
    return parsed;
}

} // namespace kaiyuan::community
