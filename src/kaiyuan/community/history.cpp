#include "kaiyuan/community/history.hpp"

#include "kaiyuan/community/commit_diff.hpp"
#include "kaiyuan/community/raw_commit.hpp"

#include "kaiyuan/source/git_handles.hpp"
#include "kaiyuan/source/git_pack_backend.hpp"
#include "kaiyuan/util/files.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <cstring>
#include <ctime>
#include <map>
#include <optional>
#include <queue>
#include <thread>
#include <unordered_set>

namespace kaiyuan::community {

namespace {

using namespace source::git;

using OidSet = std::unordered_set<git_oid, OidHash, OidEqual>;

Result<git_oid> commit_named(git_repository* repo, const std::string& path,
                             const std::string& rev) {
    // A reference naming a commit first, read as the walk reads commits: libgit2's revparse
    // cannot parse a commit with a broken date (and leaks memory when it fails on one).
    git_reference *ref = nullptr, *resolved = nullptr;
    std::optional<git_oid> named;
    if (git_reference_dwim(&ref, repo, rev.c_str()) == 0 &&
        git_reference_resolve(&resolved, ref) == 0 && git_reference_target(resolved))
        named = *git_reference_target(resolved);
    git_reference_free(resolved);
    git_reference_free(ref);
    if (named && load_commit(repo, *named)) return *named;
    Object obj, commit;
    if (git_revparse_single(&obj.p, repo, rev.c_str()) != 0)
        return fail(path + ": unknown revision '" + rev + "' (" + problem() + ")");
    if (git_object_peel(&commit.p, obj.p, GIT_OBJECT_COMMIT) != 0)
        return fail(path + ": '" + rev + "' does not name a commit");
    return *git_object_id(commit.p);
}

/// Where the walk starts, and the commits it leaves out (A of a range A..B).
Result<void> starting_points(git_repository* repo, const std::string& path,
                             const WalkOptions& options, std::vector<git_oid>& tips,
                             std::vector<git_oid>& hidden) {
    if (options.all_refs) {
        git_reference_iterator* it = nullptr;
        if (git_reference_iterator_new(&it, repo) != 0)
            return fail(path + ": cannot list its refs (" + problem() + ")");
        git_reference* ref = nullptr;
        while (git_reference_next(&ref, it) == 0) {
            Object commit;
            if (git_reference_peel(&commit.p, ref, GIT_OBJECT_COMMIT) == 0)
                tips.push_back(*git_object_id(commit.p));
            git_reference_free(ref);
        }
        git_reference_iterator_free(it);
        if (auto head = commit_named(repo, path, "HEAD")) tips.push_back(*head);
        return {};
    }
    for (const auto& rev : options.revisions) {
        if (auto dots = rev.find(".."); dots != std::string::npos) {
            std::string a = rev.substr(0, dots), b = rev.substr(dots + 2);
            auto from = commit_named(repo, path, a.empty() ? "HEAD" : a);
            if (!from) return unexpected(from.error());
            auto to = commit_named(repo, path, b.empty() ? "HEAD" : b);
            if (!to) return unexpected(to.error());
            hidden.push_back(*from);
            tips.push_back(*to);
            continue;
        }
        auto tip = commit_named(repo, path, rev);
        if (!tip) return unexpected(tip.error());
        tips.push_back(*tip);
    }
    return {};
}

/// The commits a shallow clone (or graft) cut the parents of: `<git dir>/shallow`.
OidSet shallow_commits(git_repository* repo) {
    OidSet out;
    std::string path = std::string(git_repository_path(repo)) + "shallow";
    auto text = util::read_file(path, 64u << 20);
    if (!text) return out;
    for (auto line : util::split(*text, '\n')) {
        git_oid oid;
        std::string id(util::trim(line));
        if (id.size() == GIT_OID_HEXSZ && git_oid_fromstr(&oid, id.c_str()) == 0) out.insert(oid);
    }
    return out;
}

/// Every commit reachable from `tips` and not from `hidden`, each once, newest (by commit time)
/// first. A parent the object database does not hold ends that line: quietly at a shallow
/// clone's boundary, with a diagnostic anywhere else.
template <class Visit>
void walk_commits(git_repository* repo, const std::vector<git_oid>& tips,
                  const std::vector<git_oid>& hidden, const OidSet& shallow,
                  const std::string& path, std::vector<model::Diagnostic>& diagnostics,
                  Visit visit) {
    OidSet excluded;
    {
        std::vector<git_oid> stack(hidden.begin(), hidden.end());
        while (!stack.empty()) {
            git_oid id = stack.back();
            stack.pop_back();
            if (!excluded.insert(id).second) continue;
            auto c = load_commit(repo, id);
            if (!c) continue;
            stack.insert(stack.end(), c->parents.begin(), c->parents.end());
        }
    }
    using Entry = std::pair<std::int64_t, git_oid>;
    auto older = [](const Entry& a, const Entry& b) { return a.first < b.first; };
    std::priority_queue<Entry, std::vector<Entry>, decltype(older)> queue(older);
    OidSet queued;
    auto enqueue = [&](const git_oid& id, const git_oid* child) {
        if (excluded.count(id) || !queued.insert(id).second) return;
        auto c = load_commit(repo, id);
        if (!c) {
            if (!child || !shallow.count(*child))
                diagnostics.push_back(
                    {model::Severity::warning,
                     {path, "", 0},
                     "commit " + hex(id) + (child ? ", a parent of " + hex(*child) : "") + ": " +
                         c.error().message + "; the history behind it is not walked"});
            return;
        }
        queue.push({c->commit_time, id});
    };
    for (const auto& t : tips)
        enqueue(t, nullptr);
    while (!queue.empty()) {
        git_oid id = queue.top().second;
        queue.pop();
        auto c = load_commit(repo, id);
        if (!c) continue;
        visit(*c, id);
        if (shallow.count(id)) continue; // a shallow clone's boundary: its parents are not here
        for (const git_oid& p : c->parents)
            enqueue(p, &id);
    }
}

void read_mailmap(git_repository* repo, const WalkOptions& options, History& h) {
    std::string rev =
        (options.all_refs || options.revisions.empty() ? "HEAD" : options.revisions.front());
    if (auto dots = rev.find(".."); dots != std::string::npos) rev = rev.substr(dots + 2);
    if (rev.empty()) rev = "HEAD";
    // Through the commit as the walk reads it, so that a commit libgit2 refuses still has one.
    auto id = commit_named(repo, h.repository, rev);
    if (!id) return;
    auto commit = load_commit(repo, *id);
    Tree tree;
    Blob blob;
    git_tree_entry* entry = nullptr;
    if (!commit || git_tree_lookup(&tree.p, repo, &commit->tree) != 0 ||
        git_tree_entry_bypath(&entry, tree.p, ".mailmap") != 0)
        return;
    bool is_blob = git_tree_entry_type(entry) == GIT_OBJECT_BLOB &&
                   git_blob_lookup(&blob.p, repo, git_tree_entry_id(entry)) == 0;
    git_tree_entry_free(entry);
    if (!is_blob) return;
    std::string_view text(static_cast<const char*>(git_blob_rawcontent(blob.p)),
                          static_cast<std::size_t>(git_blob_rawsize(blob.p)));
    h.mailmap.read(text, ".mailmap", h.diagnostics);
}

void read_tags(git_repository* repo, History& h) {
    struct Payload {
        git_repository* repo;
        History& h;
    } payload{repo, h};
    git_tag_foreach(
        repo,
        [](const char* name, git_oid* oid, void* p) -> int {
            auto& pl = *static_cast<Payload*>(p);
            Object obj, commit;
            if (git_object_lookup(&obj.p, pl.repo, oid, GIT_OBJECT_ANY) != 0 ||
                git_object_peel(&commit.p, obj.p, GIT_OBJECT_COMMIT) != 0)
                return 0; // a tag of a tree or blob is no release
            std::string_view n(name);
            if (n.starts_with("refs/tags/")) n.remove_prefix(10);
            pl.h.tags.push_back(
                {std::string(n), git_commit_time(reinterpret_cast<git_commit*>(commit.p))});
            return 0;
        },
        &payload);
    std::sort(h.tags.begin(), h.tags.end(), [](const Tag& a, const Tag& b) {
        return std::tie(a.time, a.name) < std::tie(b.time, b.name);
    });
}

} // namespace

std::string iso_time(std::int64_t t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string author_key(const Identity& who) {
    return who.name + "\n" + who.email;
}

std::string language_of(std::string_view path) {
    static const std::map<std::string, std::string, std::less<>> by_extension{
        {"c", "C"},
        {"h", "C"},
        {"cc", "C++"},
        {"cpp", "C++"},
        {"cxx", "C++"},
        {"hpp", "C++"},
        {"hh", "C++"},
        {"rs", "Rust"},
        {"go", "Go"},
        {"py", "Python"},
        {"js", "JavaScript"},
        {"mjs", "JavaScript"},
        {"cjs", "JavaScript"},
        {"jsx", "JavaScript"},
        {"ts", "TypeScript"},
        {"tsx", "TypeScript"},
        {"java", "Java"},
        {"kt", "Kotlin"},
        {"scala", "Scala"},
        {"rb", "Ruby"},
        {"php", "PHP"},
        {"cs", "C#"},
        {"swift", "Swift"},
        {"m", "Objective-C"},
        {"lua", "Lua"},
        {"pl", "Perl"},
        {"sh", "Shell"},
        {"bash", "Shell"},
        {"md", "Markdown"},
        {"rst", "reStructuredText"},
        {"txt", "Text"},
        {"yaml", "YAML"},
        {"yml", "YAML"},
        {"json", "JSON"},
        {"toml", "TOML"},
        {"xml", "XML"},
        {"html", "HTML"},
        {"css", "CSS"},
        {"scss", "CSS"},
        {"vue", "Vue"},
        {"spec", "RPM spec"},
        {"patch", "Patch"},
        {"cmake", "CMake"},
        {"sql", "SQL"},
        {"proto", "Protocol Buffers"},
        {"dart", "Dart"},
        {"zig", "Zig"},
        {"ex", "Elixir"},
        {"erl", "Erlang"},
        {"hs", "Haskell"},
        {"ml", "OCaml"},
        {"r", "R"}};
    auto slash = path.rfind('/');
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    if (name == "Makefile" || name == "CMakeLists.txt")
        return name == "Makefile" ? "Make" : "CMake";
    if (name == "Dockerfile") return "Dockerfile";
    auto dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return {};
    auto it = by_extension.find(util::to_lower(name.substr(dot + 1)));
    return it == by_extension.end() ? std::string() : it->second;
}

void PathLines::add(const std::string& author, const FileChange& f) {
    std::uint64_t lines = std::uint64_t{f.added} + f.removed;
    if (lines == 0) return;
    auto slash = f.path.find('/');
    if (slash == std::string::npos) {
        by_directory["."][author] += lines;
    } else {
        by_directory[f.path.substr(0, slash + 1)][author] += lines;
        if (auto second = f.path.find('/', slash + 1); second != std::string::npos)
            by_directory[f.path.substr(0, second + 1)][author] += lines;
    }
    if (std::string language = language_of(f.path); !language.empty())
        by_language[language][author] += lines;
}

void PathLines::touch(const std::string& month, const std::string& author,
                      const std::string& path) {
    ++touches_by_month[month][{author, path}];
}

void PathLines::merge(PathLines&& other) {
    for (auto& [month, touches] : other.touches_by_month)
        for (auto& [key, n] : touches)
            touches_by_month[month][key] += n;
    for (auto maps : {std::pair{&by_directory, &other.by_directory},
                      std::pair{&by_language, &other.by_language}})
        for (auto& [key, authors] : *maps.second)
            for (auto& [author, lines] : authors)
                (*maps.first)[key][author] += lines;
}

Result<History> walk_history(const std::string& repository, const WalkOptions& options) {
    History h;
    h.repository = repository;
    Repository repo;
    if (auto r = open(repo, repository); !r) return unexpected(r.error());
    // git log does not re-hash what it reads; libgit2 by default hashes every object again
    // (SHA-1 with collision detection), a fifth of a large walk. Corruption is still caught by
    // zlib's checksum and by the object parsers.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    std::vector<git_oid> tips, hidden;
    if (auto r = starting_points(repo.p, repository, options, tips, hidden); !r)
        return unexpected(r.error());
    read_mailmap(repo.p, options, h);
    read_tags(repo.p, h);
    OidSet shallow = shallow_commits(repo.p);
    walk_commits(repo.p, tips, hidden, shallow, repository, h.diagnostics,
                 [&](const CommitInfo& info, const git_oid& oid) {
                     Commit c;
                     c.id = hex(oid);
                     c.author = info.author;
                     c.time = info.time;
                     c.offset = info.offset;
                     c.commit_time = info.commit_time;
                     c.parents = static_cast<unsigned>(info.parents.size());
                     if (info.date_broken) {
                         // Git shows such a commit with no date; counted here at its commit time.
                         c.time = info.commit_time;
                         h.diagnostics.push_back(
                             {model::Severity::info,
                              {repository, "", 0},
                              "commit " + c.id +
                                  ": its author date cannot be read; its commit "
                                  "time is used"});
                     }
                     // A shallow clone's boundary has no parents here: git treats it as a
                     // root, and so does the diff below.
                     if (shallow.count(oid)) c.shallow = true;
                     if ((options.since && c.time < options.since) ||
                         (options.until && c.time >= options.until))
                         return;
                     h.commits.push_back(std::move(c));
                 });
    if (!options.file_changes) return h;

    // Diffs on every core; libgit2 wants one repository handle per thread.
    unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
    threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(h.commits.size())));
    std::vector<std::vector<model::Diagnostic>> problems(threads);
    std::vector<PathLines> lines(threads);
    // Each thread takes a run of neighbouring commits (their objects sit near each other in the
    // pack).
    std::size_t per_thread = (h.commits.size() + threads - 1) / threads;
    auto work = [&](unsigned t) {
        Repository own;
        if (auto r = open(own, repository); !r) {
            problems[t].push_back({model::Severity::error, {repository, "", 0}, r.error().message});
            return;
        }
        // Many versions of the same files are read: delta bases are kept (see the reader).
        if (auto r = add_pack_reader(own.p); !r)
            problems[t].push_back(
                {model::Severity::warning, {repository, "", 0}, r.error().message});
        CommitDiffer differ(own.p);
        std::size_t from = t * per_thread, to = std::min(h.commits.size(), from + per_thread);
        for (std::size_t i = from; i < to; ++i) {
            Commit& c = h.commits[i];
            if (c.parents > 1) continue; // git log --numstat shows no lines for a merge
            if (auto r = differ.count(c); !r)
                problems[t].push_back({model::Severity::warning,
                                       {repository, "", 0},
                                       r.error().message + "; its lines are not counted"});
            std::string who = author_key(c.author);
            std::string month = iso_time(c.time).substr(0, 7);
            for (const auto& f : c.files) {
                lines[t].add(who, f);
                lines[t].touch(month, who, f.path);
            }
            if (!options.keep_files) std::vector<FileChange>().swap(c.files);
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(work, t);
    work(0);
    for (auto& th : pool)
        th.join();
    for (auto& p : problems)
        h.diagnostics.insert(h.diagnostics.end(), p.begin(), p.end());
    for (auto& l : lines)
        h.lines.merge(std::move(l));
    return h;
}

} // namespace kaiyuan::community
