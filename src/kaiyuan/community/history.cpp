#include "kaiyuan/community/history.hpp"

#include "kaiyuan/source/git_handles.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <ctime>
#include <map>
#include <thread>

namespace kaiyuan::community {

namespace {

using namespace source::git;
using CommitPtr = source::git::Commit;

/// The lines each file of `c` gained and lost against its first parent.
Result<void> file_changes(git_repository* repo, Commit& c) {
    git_oid oid;
    if (git_oid_fromstr(&oid, c.id.c_str()) != 0) return fail(c.id + ": not a commit id");
    CommitPtr commit;
    if (git_commit_lookup(&commit.p, repo, &oid) != 0)
        return fail("commit " + c.id + ": " + problem());
    Tree tree, parent_tree;
    if (git_commit_tree(&tree.p, commit.p) != 0)
        return fail("commit " + c.id + ": its tree: " + problem());
    if (git_commit_parentcount(commit.p) > 0) {
        CommitPtr parent;
        if (git_commit_parent(&parent.p, commit.p, 0) != 0 ||
            git_commit_tree(&parent_tree.p, parent.p) != 0)
            return fail("commit " + c.id + ": its first parent: " + problem());
    }
    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    // A symlink that becomes a file is one change, as git counts it, not a deletion and an add.
    options.flags = GIT_DIFF_INCLUDE_TYPECHANGE;
    options.context_lines = 0; // counting needs no context
    options.interhunk_lines = 0;
    Diff diff;
    if (git_diff_tree_to_tree(&diff.p, repo, parent_tree.p, tree.p, &options) != 0)
        return fail("commit " + c.id + ": diff: " + problem());
    // No rename detection: libgit2's similarity measure is not git's, so detected renames would
    // differ from git's; without it the counts are exactly `git log --numstat --no-renames`.
    // One pass over the diff that only counts lines: building patch objects (every line kept)
    // cost twice as much.
    struct Counting {
        Commit& c;
        std::vector<const git_diff_delta*> typechanges;
    } counting{c, {}};
    auto on_file = [](const git_diff_delta* delta, float, void* payload) -> int {
        auto& k = *static_cast<Counting*>(payload);
        FileChange f;
        f.path = delta->status == GIT_DELTA_DELETED ? delta->old_file.path : delta->new_file.path;
        f.binary = (delta->flags & GIT_DIFF_FLAG_BINARY) != 0;
        k.c.files.push_back(std::move(f));
        if (delta->status == GIT_DELTA_TYPECHANGE) k.typechanges.push_back(delta);
        return 0;
    };
    auto on_binary = [](const git_diff_delta*, const git_diff_binary*, void* payload) -> int {
        static_cast<Counting*>(payload)->c.files.back().binary = true;
        return 0;
    };
    auto on_line = [](const git_diff_delta*, const git_diff_hunk*, const git_diff_line* line,
                      void* payload) -> int {
        FileChange& f = static_cast<Counting*>(payload)->c.files.back();
        if (line->origin == GIT_DIFF_LINE_ADDITION) ++f.added;
        if (line->origin == GIT_DIFF_LINE_DELETION) ++f.removed;
        return 0;
    };
    c.files.reserve(git_diff_num_deltas(diff.p));
    if (git_diff_foreach(diff.p, on_file, on_binary, nullptr, on_line, &counting) != 0)
        return fail("commit " + c.id + ": diff: " + problem());
    // libgit2 gives a type change (symlink <-> file) no lines; git diffs the two contents.
    for (const git_diff_delta* delta : counting.typechanges) {
        Blob before, after;
        Patch patch;
        std::string path = delta->new_file.path;
        if (git_blob_lookup(&before.p, repo, &delta->old_file.id) != 0 ||
            git_blob_lookup(&after.p, repo, &delta->new_file.id) != 0 ||
            git_patch_from_blobs(&patch.p, before.p, nullptr, after.p, nullptr, &options) != 0)
            return fail("commit " + c.id + ": " + path + ": " + problem());
        for (auto& f : c.files)
            if (f.path == path) {
                std::size_t adds = 0, dels = 0;
                f.binary = git_patch_get_delta(patch.p)->flags & GIT_DIFF_FLAG_BINARY;
                if (!f.binary) git_patch_line_stats(nullptr, &adds, &dels, patch.p);
                f.added = static_cast<std::uint32_t>(adds);
                f.removed = static_cast<std::uint32_t>(dels);
            }
    }
    for (auto& f : c.files) {
        if (f.binary) f.added = f.removed = 0;
        c.added += f.added;
        c.removed += f.removed;
    }
    return {};
}

Result<void> push_revisions(git_repository* repo, git_revwalk* walk, const std::string& path,
                            const WalkOptions& options) {
    if (options.all_refs) {
        if (git_revwalk_push_glob(walk, "*") != 0 || git_revwalk_push_head(walk) != 0)
            return fail(path + ": cannot list its refs (" + problem() + ")");
        return {};
    }
    for (const auto& rev : options.revisions) {
        if (rev.find("..") != std::string::npos) {
            if (git_revwalk_push_range(walk, rev.c_str()) != 0)
                return fail(path + ": unknown range '" + rev + "' (" + problem() + ")");
            continue;
        }
        Object obj, commit;
        if (git_revparse_single(&obj.p, repo, rev.c_str()) != 0)
            return fail(path + ": unknown revision '" + rev + "' (" + problem() + ")");
        if (git_object_peel(&commit.p, obj.p, GIT_OBJECT_COMMIT) != 0)
            return fail(path + ": '" + rev + "' does not name a commit");
        if (git_revwalk_push(walk, git_object_id(commit.p)) != 0)
            return fail(path + ": " + problem());
    }
    return {};
}

void read_mailmap(git_repository* repo, const WalkOptions& options, History& h) {
    std::string rev =
        (options.all_refs || options.revisions.empty() ? "HEAD" : options.revisions.front());
    if (auto dots = rev.find(".."); dots != std::string::npos) rev = rev.substr(dots + 2);
    if (rev.empty()) rev = "HEAD";
    Object obj;
    if (git_revparse_single(&obj.p, repo, (rev + ":.mailmap").c_str()) != 0) return;
    if (git_object_type(obj.p) != GIT_OBJECT_BLOB) return;
    auto* blob = reinterpret_cast<git_blob*>(obj.p);
    std::string_view text(static_cast<const char*>(git_blob_rawcontent(blob)),
                          static_cast<std::size_t>(git_blob_rawsize(blob)));
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

void PathLines::merge(PathLines&& other) {
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
    Revwalk walk;
    if (git_revwalk_new(&walk.p, repo.p) != 0) return fail(repository + ": " + problem());
    git_revwalk_sorting(walk.p, GIT_SORT_TIME);
    if (auto r = push_revisions(repo.p, walk.p, repository, options); !r)
        return unexpected(r.error());
    read_mailmap(repo.p, options, h);
    read_tags(repo.p, h);
    git_oid oid;
    int rc = 0;
    while ((rc = git_revwalk_next(&oid, walk.p)) == 0) {
        CommitPtr commit;
        if (git_commit_lookup(&commit.p, repo.p, &oid) != 0) {
            h.diagnostics.push_back({model::Severity::warning,
                                     {repository, "", 0},
                                     "commit " + hex(oid) + ": " + problem() + "; skipped"});
            continue;
        }
        const git_signature* author = git_commit_author(commit.p);
        Commit c;
        c.id = hex(oid);
        if (author) {
            c.author = {author->name ? author->name : "", author->email ? author->email : ""};
            c.time = author->when.time;
            c.offset = author->when.offset;
        }
        c.commit_time = git_commit_time(commit.p);
        c.parents = git_commit_parentcount(commit.p);
        if ((options.since && c.time < options.since) || (options.until && c.time >= options.until))
            continue;
        h.commits.push_back(std::move(c));
    }
    if (rc != GIT_ITEROVER)
        h.diagnostics.push_back({model::Severity::warning,
                                 {repository, "", 0},
                                 "the walk stopped early: " + problem()});
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
        std::size_t from = t * per_thread, to = std::min(h.commits.size(), from + per_thread);
        for (std::size_t i = from; i < to; ++i) {
            Commit& c = h.commits[i];
            if (c.parents > 1) continue; // git log --numstat shows no lines for a merge
            if (auto r = file_changes(own.p, c); !r)
                problems[t].push_back({model::Severity::warning,
                                       {repository, "", 0},
                                       r.error().message + "; its lines are not counted"});
            std::string who = author_key(c.author);
            for (const auto& f : c.files)
                lines[t].add(who, f);
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
