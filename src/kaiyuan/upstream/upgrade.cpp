#include "kaiyuan/upstream/upgrade.hpp"

#include "kaiyuan/catalog/rpm/spec.hpp"
#include "kaiyuan/source/archive_reader.hpp"
#include "kaiyuan/source/git_handles.hpp"
#include "kaiyuan/upstream/spec_edit.hpp"
#include "kaiyuan/util/files.hpp"
#include "kaiyuan/util/hash.hpp"

#include <filesystem>
#include <fstream>
#include <optional>

namespace kaiyuan::upstream {
namespace fs = std::filesystem;
namespace git = source::git;

namespace {

using GitReference = git::Owned<git_reference, git_reference_free>;
using GitIndex = git::Owned<git_index, git_index_free>;
using GitConfig = git::Owned<git_config, git_config_free>;
using GitSignature = git::Owned<git_signature, git_signature_free>;

/// Thrown inside upgrade_package to stop at a step; caught there into the report.
struct StepFailed {
    std::string step, why;
};

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
    return s;
}

fs::path find_spec(const fs::path& dir) {
    std::vector<fs::path> specs;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".spec" && e.is_regular_file(ec)) specs.push_back(e.path());
    if (specs.empty()) throw StepFailed{"spec", dir.string() + " holds no spec file"};
    if (specs.size() == 1) return specs.front();
    fs::path named = dir / (fs::absolute(dir).filename().string() + ".spec");
    for (const auto& s : specs)
        if (s == named) return s;
    throw StepFailed{"spec", dir.string() + " holds " + std::to_string(specs.size()) +
                                 " spec files and none is named after the directory"};
}

std::string packager_from_git(git_repository* repo) {
    git_libgit2_init(); // without a repository nothing has initialised libgit2 yet
    GitConfig config;
    if (repo ? git_repository_config_snapshot(&config.p, repo) != 0
             : git_config_open_default(&config.p) != 0)
        return {};
    GitConfig snapshot;
    git_config* c = config.p;
    if (!repo && git_config_snapshot(&snapshot.p, config.p) == 0) c = snapshot.p;
    const char* name = nullptr;
    const char* email = nullptr;
    if (git_config_get_string(&name, c, "user.name") != 0 ||
        git_config_get_string(&email, c, "user.email") != 0)
        return {};
    return std::string(name) + " <" + email + ">";
}

/// A file's bytes before the change, to put back should a later step fail.
struct Saved {
    fs::path path;
    std::optional<std::string> bytes; ///< nullopt: the file did not exist
};

void restore(const std::vector<Saved>& saved) {
    for (const auto& s : saved) {
        std::error_code ec;
        if (!s.bytes) {
            fs::remove(s.path, ec);
            continue;
        }
        std::ofstream f(s.path, std::ios::binary | std::ios::trunc);
        f << *s.bytes;
    }
}

void write_file(const fs::path& p, std::string_view bytes) {
    // Beside and renamed over: a reader never sees half a file.
    fs::path tmp = p;
    tmp += ".kaiyuan-tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f << bytes;
        if (!f) throw StepFailed{"write", "cannot write " + tmp.string()};
    }
    std::error_code ec;
    fs::rename(tmp, p, ec);
    if (ec) throw StepFailed{"write", "cannot write " + p.string() + ": " + ec.message()};
}

/// Fedora's `sources` with the line of `old_file` replaced by the new archive's SHA512 line.
std::optional<std::string> replaced_checksum(const std::string& sources,
                                             const std::string& old_file,
                                             const std::string& new_file,
                                             const std::string& sha512) {
    std::string out;
    bool replaced = false;
    std::size_t at = 0;
    while (at < sources.size()) {
        std::size_t nl = sources.find('\n', at);
        std::string line =
            sources.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
        at = nl == std::string::npos ? sources.size() : nl + 1;
        bool names_old =
            line.find("(" + old_file + ")") != std::string::npos || line.ends_with(" " + old_file);
        if (names_old && !replaced) {
            out += "SHA512 (" + new_file + ") = " + sha512 + "\n";
            replaced = true;
        } else {
            out += line + "\n";
        }
    }
    if (!replaced) return std::nullopt;
    return out;
}

std::pair<std::string, std::string> split_packager(const std::string& packager) {
    auto lt = packager.find('<');
    auto gt = packager.find('>', lt == std::string::npos ? 0 : lt);
    if (lt == std::string::npos || gt == std::string::npos) return {packager, ""};
    std::string name = packager.substr(0, lt);
    while (!name.empty() && name.back() == ' ')
        name.pop_back();
    return {name, packager.substr(lt + 1, gt - lt - 1)};
}

} // namespace

UpgradeReport upgrade_package(const std::string& package_dir, const UpgradeOptions& o) {
    UpgradeReport r;
    r.to_version = o.to_version;
    std::vector<Saved> saved;
    git::Repository repo;
    GitReference original_head;
    GitReference branch;
    bool head_moved = false;
    try {
        fs::path dir(package_dir);
        fs::path spec_path = find_spec(dir);
        r.spec_file = spec_path.string();
        auto text = util::read_file(r.spec_file, 16u << 20);
        if (!text) throw StepFailed{"spec", text.error().message};
        model::Location where;
        where.path = r.spec_file;
        auto old_spec = catalog::rpm::parse_spec(*text, where);
        if (!old_spec) throw StepFailed{"spec", old_spec.error().message};
        r.name = old_spec->name;
        r.from_version = old_spec->version;
        if (o.to_version.empty()) throw StepFailed{"version", "no version to upgrade to"};
        if (o.to_version == r.from_version)
            throw StepFailed{"version", r.name + " is already at " + o.to_version};

        // 1. The spec, edited in memory.
        auto edited = set_version(*text, o.to_version);
        if (!edited) throw StepFailed{"spec", r.spec_file + ": " + edited.error().message};
        auto new_spec = catalog::rpm::parse_spec(*edited, where);
        if (!new_spec) throw StepFailed{"spec", new_spec.error().message};
        const catalog::rpm::SpecFileEntry* source0 = nullptr;
        for (const auto& s : new_spec->sources)
            if (s.tag == "Source0" || s.tag == "Source") source0 = &s;
        if (!source0 && !new_spec->sources.empty()) source0 = &new_spec->sources.front();
        if (!source0) throw StepFailed{"source", "the spec has no Source0"};
        r.source_url = o.source_url.empty()
                           ? source0->value
                           : replace_all(replace_all(o.source_url, "%{version}", o.to_version),
                                         "%version", o.to_version);
        if (r.source_url.find("://") == std::string::npos)
            throw StepFailed{"source", "Source0 '" + r.source_url +
                                           "' is no URL to download the release from (give "
                                           "--source-url)"};
        if (r.source_url.find('%') != std::string::npos)
            throw StepFailed{"source", "Source0 '" + r.source_url +
                                           "' holds a macro kaiyuan does not expand"};
        r.source_file = source0->file_name();
        if (!o.source_url.empty()) {
            std::string u = r.source_url.substr(0, r.source_url.find_first_of("?#"));
            r.source_file = u.substr(u.rfind('/') + 1);
        }
        std::string old_source_file;
        for (const auto& s : old_spec->sources)
            if (s.tag == source0->tag) old_source_file = s.file_name();

        // 2. The repository and the packager, before anything is fetched.
        std::string packager = o.packager;
        if (o.commit) {
            if (auto opened = git::open(repo, package_dir); !opened)
                throw StepFailed{"git", opened.error().message +
                                            " (give --no-commit to change the files only)"};
            if (git_repository_head(&original_head.p, repo.p) != 0)
                throw StepFailed{"git", "the repository has no commit to branch from"};
            r.branch = o.branch.empty() ? "upgrade/" + r.name + "-" + o.to_version : o.branch;
            GitReference existing;
            if (git_branch_lookup(&existing.p, repo.p, r.branch.c_str(), GIT_BRANCH_LOCAL) == 0)
                throw StepFailed{"git", "branch " + r.branch + " exists already"};
            if (git_reference_is_valid_name(("refs/heads/" + r.branch).c_str()) != 1)
                throw StepFailed{"git", "'" + r.branch + "' is not a valid branch name"};
            const char* workdir = git_repository_workdir(repo.p);
            if (!workdir) throw StepFailed{"git", "a bare repository has no files to change"};
            for (const auto& f : {spec_path, dir / old_source_file, dir / "sources"}) {
                std::error_code ec;
                if (!fs::exists(f, ec)) continue;
                std::string rel = fs::relative(fs::absolute(f), workdir, ec).generic_string();
                unsigned flags = 0;
                if (git_status_file(&flags, repo.p, rel.c_str()) == 0 && flags != 0 &&
                    !(flags & GIT_STATUS_IGNORED))
                    throw StepFailed{"git", rel + " has uncommitted changes: commit or stash "
                                                  "them first"};
            }
            if (packager.empty()) packager = packager_from_git(repo.p);
        } else if (packager.empty()) {
            packager = packager_from_git(nullptr);
        }
        if (packager.empty())
            throw StepFailed{"packager", "no packager: set git's user.name and user.email, or "
                                         "give --packager \"Name <email>\""};

        // 3. The release, downloaded and read.
        HttpBatchOptions http = o.http;
        http.cache_dir.clear();
        auto answers = fetch_all({r.source_url}, http);
        if (!answers[0].error.empty())
            throw StepFailed{"download", r.source_url + ": " + answers[0].error};
        std::string archive = std::move(answers[0].body);
        r.source_bytes = archive.size();
        r.sha256 = util::digest_hex(util::DigestAlgorithm::sha256, archive);
        r.done.push_back("downloaded " + r.source_url + " (" + std::to_string(r.source_bytes) +
                         " bytes, sha256 " + r.sha256 + ")");
        {
            auto reader =
                source::ArchiveReader::open(source::ArchiveInput{{}, archive, {}}, r.source_file);
            if (!reader || reader->first_paths(1).empty())
                throw StepFailed{"download", r.source_url + " is not an archive kaiyuan can read" +
                                                 (reader ? "" : ": " + reader.error().message)};
        }
        std::vector<PatchToCheck> patches;
        for (const auto& p : old_spec->patches)
            patches.push_back({p.tag, (dir / p.file_name()).string()});
        auto checked = check_patches(archive, r.source_file, patches, patch_strip_level(*text));
        if (!checked) throw StepFailed{"patches", checked.error().message};
        r.patches = std::move(*checked);
        r.done.push_back("tried " + std::to_string(r.patches.size()) + " patch(es) on " +
                         r.source_file);

        // 4. The changes, written; kept to put back.
        ChangelogEntry entry{
            changelog_date_today(), packager, o.to_version + "-1", {"update to " + o.to_version}};
        for (const auto& cve : o.fixed)
            entry.lines.push_back("fix " + cve);
        std::string new_text = add_changelog(*edited, entry);
        std::vector<std::string> added{spec_path.string()}, removed;
        auto save = [&](const fs::path& p) {
            auto bytes = util::read_file(p.string());
            saved.push_back(
                {p, bytes ? std::optional<std::string>(std::move(*bytes)) : std::nullopt});
        };
        std::error_code ec;
        fs::path sources_file = dir / "sources";
        std::optional<std::string> new_sources;
        if (fs::is_regular_file(sources_file, ec)) {
            auto s = util::read_file(sources_file.string());
            if (s)
                new_sources =
                    replaced_checksum(*s, old_source_file, r.source_file,
                                      util::digest_hex(util::DigestAlgorithm::sha512, archive));
        }
        save(spec_path);
        write_file(spec_path, new_text);
        r.done.push_back("set Version " + o.to_version + ", Release 1, %changelog in " +
                         spec_path.filename().string());
        if (new_sources) {
            save(sources_file);
            write_file(sources_file, *new_sources);
            added.push_back(sources_file.string());
            r.checksum_file = sources_file.string();
            r.done.push_back("replaced " + old_source_file + "'s line in sources");
        } else {
            // src-openeuler keeps the archive itself in the repository.
            save(dir / r.source_file);
            write_file(dir / r.source_file, archive);
            added.push_back((dir / r.source_file).string());
            r.done.push_back("wrote " + r.source_file);
            if (!old_source_file.empty() && old_source_file != r.source_file &&
                fs::is_regular_file(dir / old_source_file, ec)) {
                save(dir / old_source_file);
                fs::remove(dir / old_source_file, ec);
                removed.push_back((dir / old_source_file).string());
                r.removed_source = old_source_file;
                r.done.push_back("removed " + old_source_file);
            }
        }

        // 5. The commit, on a new branch.
        if (o.commit) {
            git::Commit head;
            if (git_reference_peel(reinterpret_cast<git_object**>(&head.p), original_head.p,
                                   GIT_OBJECT_COMMIT) != 0)
                throw StepFailed{"git", git::problem()};
            if (git_branch_create(&branch.p, repo.p, r.branch.c_str(), head.p, 0) != 0)
                throw StepFailed{"git", "cannot create " + r.branch + ": " + git::problem()};
            if (git_repository_set_head(repo.p, git_reference_name(branch.p)) != 0)
                throw StepFailed{"git", git::problem()};
            head_moved = true;
            GitIndex index;
            if (git_repository_index(&index.p, repo.p) != 0)
                throw StepFailed{"git", git::problem()};
            std::string workdir = git_repository_workdir(repo.p);
            auto rel = [&](const std::string& p) {
                return fs::relative(fs::absolute(p), workdir, ec).generic_string();
            };
            for (const auto& p : added)
                if (git_index_add_bypath(index.p, rel(p).c_str()) != 0)
                    throw StepFailed{"git", rel(p) + ": " + git::problem()};
            for (const auto& p : removed)
                if (git_index_remove_bypath(index.p, rel(p).c_str()) != 0)
                    throw StepFailed{"git", rel(p) + ": " + git::problem()};
            git_oid tree_id, commit_id;
            if (git_index_write(index.p) != 0 || git_index_write_tree(&tree_id, index.p) != 0)
                throw StepFailed{"git", git::problem()};
            git::Tree tree;
            if (git_tree_lookup(&tree.p, repo.p, &tree_id) != 0)
                throw StepFailed{"git", git::problem()};
            auto [name, email] = split_packager(packager);
            GitSignature signature;
            if (git_signature_now(&signature.p, name.c_str(), email.c_str()) != 0)
                throw StepFailed{"git", "packager '" + packager + "': " + git::problem()};
            std::string message = "Update " + r.name + " to " + o.to_version + "\n";
            if (!o.fixed.empty()) {
                message += "\nFixes:";
                for (const auto& cve : o.fixed)
                    message += " " + cve;
                message += "\n";
            }
            const git_commit* parents[] = {head.p};
            if (git_commit_create(&commit_id, repo.p, "HEAD", signature.p, signature.p, "UTF-8",
                                  message.c_str(), tree.p, 1, parents) != 0)
                throw StepFailed{"git", git::problem()};
            r.commit = git::hex(commit_id);
            r.done.push_back("committed " + r.commit.substr(0, 12) + " on branch " + r.branch);
        }
    } catch (const StepFailed& f) {
        r.failed_step = f.step;
        r.error = f.why;
    } catch (const std::exception& e) {
        r.failed_step = "write";
        r.error = e.what();
    }
    if (!r.error.empty()) {
        // Put everything back: files, the index entries of those files, HEAD, the branch.
        restore(saved);
        if (head_moved && original_head.p) {
            if (git_reference_type(original_head.p) == GIT_REFERENCE_DIRECT ||
                git_repository_head_detached(repo.p))
                git_repository_set_head_detached(repo.p, git_reference_target(original_head.p));
            else
                git_repository_set_head(repo.p, git_reference_name(original_head.p));
            git::Object head;
            if (git_reference_peel(&head.p, original_head.p, GIT_OBJECT_COMMIT) == 0) {
                std::vector<std::string> paths;
                std::vector<char*> c_paths;
                const char* workdir = git_repository_workdir(repo.p);
                for (const auto& s : saved) {
                    std::error_code ec;
                    paths.push_back(
                        fs::relative(fs::absolute(s.path), workdir, ec).generic_string());
                }
                for (auto& p : paths)
                    c_paths.push_back(p.data());
                git_strarray spec{c_paths.data(), c_paths.size()};
                git_reset_default(repo.p, head.p, &spec);
            }
        }
        if (branch.p) git_branch_delete(branch.p);
        r.done.clear();
        r.commit.clear();
    }
    return r;
}

} // namespace kaiyuan::upstream
