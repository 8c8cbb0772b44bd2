// libFuzzer target for the git repository reader: the input is split at NUL bytes into HEAD,
// config, packed-refs and one loose ref (refs/heads/main), as catalog/git reads them from a
// .git directory.
#include "kaiyuan/catalog/git/repository.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    std::string parts[4];
    for (std::size_t i = 0; i < 4; ++i) {
        auto nul = in.find('\0');
        parts[i] = std::string(in.substr(0, nul));
        if (nul == std::string_view::npos) break;
        in.remove_prefix(nul + 1);
    }
    kaiyuan::catalog::git::GitDirFiles files{
        ".git/modules/x", parts[0], parts[1], parts[2], {{"refs/heads/main", parts[3]}}};
    (void)kaiyuan::catalog::git::parse_git_dir(files, {".git/modules/x/HEAD", "", 0});
    (void)kaiyuan::catalog::git::remote_url(parts[1]);
    return 0;
}
