#include "kaiyuan/community/commit_diff.hpp"

#include "kaiyuan/community/raw_commit.hpp"

#include <algorithm>
#include <cstring>
#include <optional>

namespace kaiyuan::community {

namespace {

using source::git::hex;
using source::git::problem;
using TreePtr = source::git::Tree;

/// Git compares a file's change only within its first 8000 bytes for a NUL (git's
/// buffer_is_binary, FIRST_FEW_BYTES), and takes anything over core.bigFileThreshold (512 MiB by
/// default) as binary without looking.
constexpr std::size_t binary_probe = 8000;
constexpr std::size_t big_file = std::size_t{512} << 20;
/// What the kept old-side blobs may hold, per thread.
constexpr std::uint64_t kept_budget = std::uint64_t{32} << 20;
/// Deeper trees than this are a hostile repository, not a project.
constexpr std::size_t max_depth = 1024;

bool is_tree(const git_tree_entry* e) {
    return git_tree_entry_filemode(e) == GIT_FILEMODE_TREE;
}

/// Git's order of tree entries: by name, a tree's name read as if it ended in '/'.
int git_order(const git_tree_entry* a, const git_tree_entry* b) {
    const char* x = git_tree_entry_name(a);
    const char* y = git_tree_entry_name(b);
    std::size_t nx = std::strlen(x), ny = std::strlen(y), n = std::min(nx, ny);
    if (int c = std::memcmp(x, y, n); c != 0) return c;
    unsigned char cx = nx > n ? static_cast<unsigned char>(x[n]) : (is_tree(a) ? '/' : 0);
    unsigned char cy = ny > n ? static_cast<unsigned char>(y[n]) : (is_tree(b) ? '/' : 0);
    return int{cx} - int{cy};
}

bool looks_binary(const git_blob* b) {
    if (!b) return false;
    auto size = static_cast<std::size_t>(git_blob_rawsize(b));
    if (size > big_file) return true;
    return std::memchr(git_blob_rawcontent(b), 0, std::min(size, binary_probe)) != nullptr;
}

/// Lines as xdiff counts records: one per newline, and a last line without one.
std::uint32_t line_count(std::string_view text) {
    std::size_t n = 0;
    for (const char* p = text.data();
         (p = static_cast<const char*>(std::memchr(p, '\n', text.data() + text.size() - p))); ++p)
        ++n;
    if (!text.empty() && text.back() != '\n') ++n;
    return static_cast<std::uint32_t>(n);
}

std::string_view content(const git_blob* b) {
    if (!b) return {};
    return {static_cast<const char*>(git_blob_rawcontent(b)),
            static_cast<std::size_t>(git_blob_rawsize(b))};
}

/// A submodule, as git shows it in a diff: one line naming the commit.
std::string gitlink_text(const git_oid& id) {
    return "Subproject commit " + hex(id) + "\n";
}

int count_line(const git_diff_delta*, const git_diff_hunk*, const git_diff_line* line,
               void* payload) {
    auto& f = *static_cast<FileChange*>(payload);
    if (line->origin == GIT_DIFF_LINE_ADDITION) ++f.added;
    if (line->origin == GIT_DIFF_LINE_DELETION) ++f.removed;
    return 0;
}

} // namespace

CommitDiffer::CommitDiffer(git_repository* repo) : repo_(repo) {
    git_diff_options_init(&options_, GIT_DIFF_OPTIONS_VERSION); // (the macro trips -Wextra)
    options_.context_lines = 0;                                 // counting needs no context
    options_.interhunk_lines = 0;
    options_.flags = GIT_DIFF_FORCE_TEXT; // binary files are decided before, as git decides
}

CommitDiffer::~CommitDiffer() {
    for (auto& [id, b] : kept_)
        git_blob_free(b);
}

Result<void> CommitDiffer::count(Commit& c) {
    git_oid id;
    if (git_oid_fromstr(&id, c.id.c_str()) != 0) return fail(c.id + ": not a commit id");
    auto commit = load_commit(repo_, id);
    if (!commit) return fail("commit " + c.id + ": " + commit.error().message);
    std::optional<CommitInfo> parent;
    if (!commit->parents.empty() && !c.shallow) {
        auto p = load_commit(repo_, commit->parents.front());
        if (!p) return fail("commit " + c.id + ": its first parent: " + p.error().message);
        parent = std::move(*p);
    }
    const git_oid* parent_tree = parent ? &parent->tree : nullptr;
    std::string path;
    c.files.clear();
    c.added = c.removed = 0;
    auto compared = compare_trees(parent_tree, &commit->tree, path, c);
    if (!compared) {
        c.files.clear();
        return fail("commit " + c.id + ": " + compared.error().message);
    }
    for (const auto& f : c.files) {
        c.added += f.added;
        c.removed += f.removed;
    }
    return {};
}

Result<void> CommitDiffer::compare_trees(const git_oid* before, const git_oid* after,
                                         std::string& path, Commit& c) {
    if (std::count(path.begin(), path.end(), '/') > static_cast<std::ptrdiff_t>(max_depth))
        return fail(path + ": trees nested deeper than " + std::to_string(max_depth));
    TreePtr a, b;
    if (before && git_tree_lookup(&a.p, repo_, before) != 0)
        return fail("tree " + hex(*before) + " (" + path + "): " + problem());
    if (after && git_tree_lookup(&b.p, repo_, after) != 0)
        return fail("tree " + hex(*after) + " (" + path + "): " + problem());
    std::size_t na = a.p ? git_tree_entrycount(a.p) : 0, nb = b.p ? git_tree_entrycount(b.p) : 0;
    std::size_t i = 0, j = 0;
    while (i < na || j < nb) {
        const git_tree_entry* x = i < na ? git_tree_entry_byindex(a.p, i) : nullptr;
        const git_tree_entry* y = j < nb ? git_tree_entry_byindex(b.p, j) : nullptr;
        int order = !x ? 1 : !y ? -1 : git_order(x, y);
        if (order < 0) y = nullptr;
        if (order > 0) x = nullptr;
        if (x) ++i;
        if (y) ++j;
        if (x && y && git_oid_equal(git_tree_entry_id(x), git_tree_entry_id(y)) &&
            git_tree_entry_filemode(x) == git_tree_entry_filemode(y))
            continue; // unchanged, however much lies below
        if (auto r = compare_entries(x, y, path, c); !r) return r;
    }
    return {};
}

Result<void> CommitDiffer::compare_entries(const git_tree_entry* before,
                                           const git_tree_entry* after, std::string& path,
                                           Commit& c) {
    const git_tree_entry* named = before ? before : after;
    std::size_t base = path.size();
    path += git_tree_entry_name(named);
    Result<void> r;
    if (is_tree(named)) { // both sides are trees when both are there: git's order says so
        path += '/';
        r = compare_trees(before ? git_tree_entry_id(before) : nullptr,
                          after ? git_tree_entry_id(after) : nullptr, path, c);
    } else {
        auto side = [](const git_tree_entry* e) {
            return e ? Side{git_tree_entry_id(e), git_tree_entry_filemode(e)} : Side{};
        };
        r = count_file(side(before), side(after), path, c);
    }
    path.resize(base);
    return r;
}

Result<void> CommitDiffer::count_file(Side before, Side after, const std::string& path, Commit& c) {
    FileChange f;
    f.path = path;
    bool submodule = before.mode == GIT_FILEMODE_COMMIT || after.mode == GIT_FILEMODE_COMMIT;
    if (submodule) {
        // A submodule is the line "Subproject commit <id>" (a regular file on the other side of
        // a type change is its content).
        std::string texts[2];
        const Side* sides[2] = {&before, &after};
        for (int k = 0; k < 2; ++k) {
            const Side& s = *sides[k];
            if (!s.id) continue;
            if (s.mode == GIT_FILEMODE_COMMIT) {
                texts[k] = gitlink_text(*s.id);
                continue;
            }
            auto b = blob(*s.id, path);
            if (!b) return unexpected(b.error());
            texts[k] = content(*b);
            git_blob_free(*b);
        }
        if (git_diff_buffers(texts[0].data(), texts[0].size(), nullptr, texts[1].data(),
                             texts[1].size(), nullptr, &options_, nullptr, nullptr, nullptr,
                             count_line, &f) != 0)
            return fail(path + ": " + problem());
        c.files.push_back(std::move(f));
        return {};
    }
    git_blob* old_blob = nullptr;
    git_blob* new_blob = nullptr;
    auto release = [&] {
        if (old_blob) keep(old_blob); // the next commit walked will likely read it
        if (new_blob) git_blob_free(new_blob);
    };
    if (before.id) {
        auto b = blob(*before.id, path);
        if (!b) return unexpected(b.error());
        old_blob = *b;
    }
    if (after.id) {
        auto b = blob(*after.id, path);
        if (!b) {
            release();
            return unexpected(b.error());
        }
        new_blob = *b;
    }
    int attribute = diff_attribute(path);
    f.binary =
        attribute == 0 || (attribute < 0 && (looks_binary(old_blob) || looks_binary(new_blob)));
    if (f.binary) {
    } else if (!old_blob) {
        f.added = line_count(content(new_blob));
    } else if (!new_blob) {
        f.removed = line_count(content(old_blob));
    } else if (!git_oid_equal(before.id, after.id) &&
               git_diff_blobs(old_blob, "", new_blob, "", &options_, nullptr, nullptr, nullptr,
                              count_line, &f) != 0) {
        release();
        return fail(path + ": " + problem());
    }
    release();
    c.files.push_back(std::move(f));
    return {};
}

Result<git_blob*> CommitDiffer::blob(const git_oid& id, const std::string& path) {
    if (auto it = kept_.find(id); it != kept_.end()) {
        git_blob* b = it->second;
        kept_bytes_ -= static_cast<std::uint64_t>(git_blob_rawsize(b));
        kept_.erase(it);
        return b;
    }
    git_blob* b = nullptr;
    if (git_blob_lookup(&b, repo_, &id) != 0)
        return fail("blob " + hex(id) + " (" + path + "): " + problem());
    return b;
}

void CommitDiffer::keep(git_blob* b) {
    auto size = static_cast<std::uint64_t>(git_blob_rawsize(b));
    if (size > kept_budget / 4 || !kept_.emplace(*git_blob_id(b), b).second) {
        git_blob_free(b);
        return;
    }
    kept_bytes_ += size;
    kept_order_.push_back(*git_blob_id(b));
    // Evict the oldest; ids already taken back are skipped (and dropped from the order).
    while (kept_bytes_ > kept_budget && !kept_order_.empty()) {
        auto it = kept_.find(kept_order_.front());
        kept_order_.pop_front();
        if (it == kept_.end()) continue;
        kept_bytes_ -= static_cast<std::uint64_t>(git_blob_rawsize(it->second));
        git_blob_free(it->second);
        kept_.erase(it);
    }
    if (kept_order_.size() > 2 * kept_.size() + 1024) { // forget ids taken back
        std::deque<git_oid> live;
        for (const auto& id : kept_order_)
            if (kept_.count(id)) live.push_back(id);
        kept_order_.swap(live);
    }
}

int CommitDiffer::diff_attribute(const std::string& path) {
    auto [it, added] = attributes_.try_emplace(path, -1);
    if (!added) return it->second;
    // As git decides: "-diff" (or the "binary" macro) is binary, "diff" is text, anything else
    // (unset, or a driver's name) is decided by the content. Drivers' textconv is not run.
    const char* value = nullptr;
    if (git_attr_get(&value, repo_, GIT_ATTR_CHECK_FILE_THEN_INDEX, path.c_str(), "diff") == 0) {
        git_attr_value_t kind = git_attr_value(value);
        if (kind == GIT_ATTR_VALUE_FALSE) it->second = 0;
        if (kind == GIT_ATTR_VALUE_TRUE) it->second = 1;
    }
    return it->second;
}

} // namespace kaiyuan::community
