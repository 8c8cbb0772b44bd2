#include "kaiyuan/source/git_tree.hpp"

#include "kaiyuan/source/git_handles.hpp"

#include <cstring>

namespace kaiyuan::source {

namespace {

using namespace git;

Result<git_oid> commit_of(git_repository* repo, const std::string& path,
                          const std::string& revision) {
    Object obj;
    if (git_revparse_single(&obj.p, repo, revision.c_str()) != 0)
        return fail(path + ": unknown revision '" + revision + "' (" + problem() + ")");
    Object commit;
    if (git_object_peel(&commit.p, obj.p, GIT_OBJECT_COMMIT) != 0)
        return fail(path + ": '" + revision + "' does not name a commit (" + problem() + ")");
    return *git_object_id(commit.p);
}

class GitTree final : public FileTree {
public:
    GitTree(std::string path, std::string revision, WalkLimits limits)
        : m_path(std::move(path)), m_revision(std::move(revision)), m_limits(limits) {}

    Result<void> open() {
        if (auto r = git::open(m_repo, m_path); !r) return r;
        auto commit = commit_of(m_repo.p, m_path, m_revision);
        if (!commit) return unexpected(commit.error());
        m_commit = *commit;
        Object tree;
        Object commit_obj;
        if (git_object_lookup(&commit_obj.p, m_repo.p, &m_commit, GIT_OBJECT_COMMIT) != 0 ||
            git_object_peel(&tree.p, commit_obj.p, GIT_OBJECT_TREE) != 0)
            return fail(m_path + ": cannot read the tree of " + m_revision + " (" + problem() +
                        ")");
        m_tree.p = reinterpret_cast<git_tree*>(tree.p);
        tree.p = nullptr;
        if (git_repository_odb(&m_odb.p, m_repo.p) != 0)
            return fail(m_path + ": cannot open the object database (" + problem() + ")");
        return {};
    }

    std::string kind() const override { return "git"; }

    std::map<std::string, std::string> properties() const override {
        return {{"git:revision", m_revision}, {"git:commit", hex(m_commit)}};
    }

    Result<void> walk(Visitor& visitor, std::vector<model::Diagnostic>& diagnostics) override {
        walk_tree(m_tree.p, "", 0, visitor, diagnostics);
        return {};
    }

    Result<std::string> read(std::string_view path) const override {
        git_tree_entry* entry = nullptr;
        std::string p(path);
        if (git_tree_entry_bypath(&entry, m_tree.p, p.c_str()) != 0)
            return fail(p + ": not in " + m_revision);
        git_oid oid = *git_tree_entry_id(entry);
        git_tree_entry_free(entry);
        return blob_text(oid, p);
    }

private:
    Result<std::string> blob_text(const git_oid& oid, const std::string& path) const {
        Blob blob;
        if (git_blob_lookup(&blob.p, m_repo.p, &oid) != 0)
            return fail(path + ": cannot read blob " + hex(oid) + " (" + problem() + ")");
        const char* data = static_cast<const char*>(git_blob_rawcontent(blob.p));
        return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob.p)));
    }

    void warn(std::vector<model::Diagnostic>& diagnostics, const std::string& path,
              std::string message) {
        diagnostics.push_back({model::Severity::warning, {path, "", 0}, std::move(message)});
    }

    void walk_tree(const git_tree* tree, const std::string& prefix, std::uint32_t depth,
                   Visitor& visitor, std::vector<model::Diagnostic>& diagnostics) {
        if (depth > m_limits.max_depth) {
            warn(diagnostics, prefix, "directory nesting over the limit; not entered");
            return;
        }
        std::size_t n = git_tree_entrycount(tree);
        for (std::size_t i = 0; i < n; ++i) {
            const git_tree_entry* te = git_tree_entry_byindex(tree, i);
            std::string path = prefix + git_tree_entry_name(te);
            git_filemode_t mode = git_tree_entry_filemode(te);
            const git_oid* oid = git_tree_entry_id(te);
            if (mode == GIT_FILEMODE_TREE) {
                Entry dir{path, EntryType::directory, 0, "", ""};
                visitor.wants(dir);
                Tree sub;
                if (git_tree_lookup(&sub.p, m_repo.p, oid) != 0) {
                    warn(diagnostics, path, "cannot read tree (" + problem() + ")");
                    continue;
                }
                walk_tree(sub.p, path + "/", depth + 1, visitor, diagnostics);
            } else if (mode == GIT_FILEMODE_COMMIT) {
                Entry sub{path, EntryType::other, 0, "", ""};
                visitor.wants(sub);
            } else if (mode == GIT_FILEMODE_LINK) {
                auto target = blob_text(*oid, path);
                Entry link{path, EntryType::symlink, 0, target ? *target : "", ""};
                visitor.wants(link);
            } else {
                file(path, *oid, mode == GIT_FILEMODE_BLOB_EXECUTABLE, visitor, diagnostics);
            }
        }
    }

    void file(const std::string& path, const git_oid& oid, bool executable, Visitor& visitor,
              std::vector<model::Diagnostic>& diagnostics) {
        Entry e{path, EntryType::file, 0, "", ""};
        bool sniffing = !visitor.wants(e);
        if (sniffing && !(executable && visitor.sniff(e))) return;
        std::size_t size = 0;
        git_object_t type{};
        if (git_odb_read_header(&size, &type, m_odb.p, &oid) != 0) {
            warn(diagnostics, path, "cannot read blob " + hex(oid) + " (" + problem() + ")");
            return;
        }
        e.size = size;
        if (e.size > m_limits.max_file_bytes) {
            warn(diagnostics, path,
                 "file of " + std::to_string(e.size) + " bytes is over the size limit; skipped");
            return;
        }
        auto data = blob_text(oid, path);
        if (!data) {
            warn(diagnostics, path, data.error().message);
            return;
        }
        if (sniffing && !keep_wanted_head(visitor, e, *data)) return;
        visitor.contents(e, std::move(*data));
    }

    std::string m_path, m_revision;
    WalkLimits m_limits;
    Repository m_repo;
    Tree m_tree;
    Odb m_odb;
    git_oid m_commit{};
};

} // namespace

Result<std::unique_ptr<FileTree>> open_git_tree(const std::string& repository,
                                                const std::string& revision, WalkLimits limits) {
    auto tree = std::make_unique<GitTree>(repository, revision, limits);
    if (auto r = tree->open(); !r) return unexpected(r.error());
    return std::unique_ptr<FileTree>(std::move(tree));
}

Result<std::string> resolve_commit(const std::string& repository, const std::string& revision) {
    Repository repo;
    if (auto r = git::open(repo, repository); !r) return unexpected(r.error());
    auto oid = commit_of(repo.p, repository, revision);
    if (!oid) return unexpected(oid.error());
    return hex(*oid);
}

Result<std::string> merge_base(const std::string& repository, const std::string& a,
                               const std::string& b) {
    Repository repo;
    if (auto r = git::open(repo, repository); !r) return unexpected(r.error());
    auto oa = commit_of(repo.p, repository, a);
    if (!oa) return unexpected(oa.error());
    auto ob = commit_of(repo.p, repository, b);
    if (!ob) return unexpected(ob.error());
    git_oid base;
    if (git_merge_base(&base, repo.p, &*oa, &*ob) != 0)
        return fail(repository + ": " + a + " and " + b + " have no common ancestor (" + problem() +
                    ")");
    return hex(base);
}

} // namespace kaiyuan::source
