#include "kaiyuan/upstream/patch_check.hpp"

#include "kaiyuan/source/archive_reader.hpp"
#include "kaiyuan/util/random.hpp"

#include <fcntl.h>
#include <re2/re2.h>
#include <spawn.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <set>

extern char** environ;

namespace kaiyuan::upstream {
namespace fs = std::filesystem;

std::string_view to_string(PatchFate f) {
    switch (f) {
    case PatchFate::applies:
        return "applies";
    case PatchFate::already_upstream:
        return "already-upstream";
    case PatchFate::does_not_apply:
        return "does-not-apply";
    case PatchFate::missing:
        return "missing";
    }
    return "missing";
}

int patch_strip_level(std::string_view spec_text) {
    static const re2::RE2 strip(
        R"re((?m)^%(?:autosetup|autopatch|patch\d*)\b[^\n]*?\s-p\s*(\d+))re");
    int n = 1;
    re2::StringPiece in(spec_text.data(), spec_text.size());
    if (re2::RE2::PartialMatch(in, strip, &n)) return n;
    return 1;
}

namespace {

/// Runs a command with stdin, stdout and stderr on /dev/null; its exit status, or -1 when it
/// could not be started.
int run_quietly(const std::vector<std::string>& argv) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    for (int fd : {0, 1, 2})
        posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY,
                                         0);
    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) return -1;
    int status = 0;
    if (waitpid(pid, &status, 0) < 0) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("kaiyuan-upgrade-" + util::uuid4());
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

} // namespace

Result<std::vector<PatchResult>> check_patches(std::string_view archive, const std::string& name,
                                               const std::vector<PatchToCheck>& patches,
                                               int strip) {
    std::vector<PatchResult> out;
    if (patches.empty()) return out;
    if (run_quietly({"patch", "--version"}) != 0)
        return fail("GNU patch cannot be run (apt-get install patch): patches not checked");
    TempDir dir;
    auto reader = source::ArchiveReader::open(source::ArchiveInput{{}, archive, {}}, name);
    if (!reader) return unexpected(reader.error());
    std::set<std::string> tops;
    std::string write_error;
    std::vector<model::Diagnostic> diagnostics;
    auto read = reader->for_each(
        [&](const source::Entry& e) {
            if (e.path.empty()) return false;
            tops.insert(e.path.substr(0, e.path.find('/')));
            std::error_code ec;
            if (e.type == source::EntryType::directory) {
                fs::create_directories(dir.path / e.path, ec);
                return false;
            }
            return e.type == source::EntryType::file;
        },
        [&](const source::Entry& e, std::string&& data) {
            fs::path p = dir.path / e.path; // normalised: no "..", no leading "/"
            std::error_code ec;
            fs::create_directories(p.parent_path(), ec);
            std::ofstream f(p, std::ios::binary);
            f << data;
            if (!f && write_error.empty()) write_error = "cannot write " + p.string();
        },
        diagnostics);
    if (!read) return unexpected(read.error());
    if (!write_error.empty()) return fail(name + ": " + write_error);
    // %autosetup's default: the archive's one top directory; else its root.
    fs::path root = dir.path;
    if (tops.size() == 1 && fs::is_directory(dir.path / *tops.begin())) root /= *tops.begin();
    std::string p = "-p" + std::to_string(strip);
    for (const auto& patch : patches) {
        PatchResult r{patch.tag, fs::path(patch.path).filename().string(), PatchFate::missing};
        std::error_code ec;
        if (fs::is_regular_file(patch.path, ec)) {
            std::vector<std::string> args{
                "patch", p,    "--dry-run",   "--batch", "--force",
                "-s",    "-d", root.string(), "-i",      fs::absolute(patch.path).string()};
            if (run_quietly(args) == 0) {
                r.fate = PatchFate::applies;
            } else {
                args.push_back("-R");
                r.fate = run_quietly(args) == 0 ? PatchFate::already_upstream
                                                : PatchFate::does_not_apply;
            }
        }
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace kaiyuan::upstream
