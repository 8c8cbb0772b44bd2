#pragma once
/// The release lists upstreams answer over HTTP, and where each is asked (docs/cli.md,
/// "upstream check"). One reader per answer's format, each given the body alone:
///
/// | kind        | asked                                        | answer read |
/// |-------------|----------------------------------------------|----------------------------------|
/// | pypi        | {pypi}/NAME/json                             | `releases` keys, first upload |
/// | rubygem     | {rubygems}/NAME.json                         | `number`, `prerelease`,
/// `created_at` | | metacpan    | {metacpan}/DIST                              | the latest
/// release's `version`, `date` | | npm         | {npm}/NAME                                   |
/// `versions` keys, `time`          | | cratesio    | {cratesio}/NAME | `versions[].num`, `yanked`,
/// `created_at` | | maven       | {maven}/GROUP/PATH/ARTIFACT/maven-metadata.xml |
/// `versioning/versions/version`  | | go          | {go}/ESCAPED-MODULE/@v/list                  |
/// one version a line (no dates)    | | packagist   | {packagist}/VENDOR/NAME.json |
/// `packages[NAME][].version`, `time` | | nuget       | {nuget}/lower-id/index.json | `versions` |
/// | hg          | SRC_REPO/json-tags                           | `tags[].tag`, `date[0]` (epoch) |
/// | gnu-ftp     | {gnu}/NAME/                                  | `href="X">X</a>` file names | |
/// ftp         | SRC_REPO/ (an http(s) or ftp listing)        | `href="X">...</a>` file names    |
/// | sourceforge | SRC_REPO (a project's files page)            | `<tr title="X" class="folder ">`
/// | | regex       | the page's URL (nvchecker's regex source)    | the first group of every match
/// of `regex` |
///
/// These are what openEuler-Advisor (check_upstream.py, yaml2url.py) and nvchecker read for the
/// same kinds. Yanked releases (PyPI files all yanked, crates.io `yanked`) are left out;
/// releases a registry itself marks as pre-releases (RubyGems `prerelease`) are marked.
/// A body that is not the format expected fails, saying what was expected.
#include "kaiyuan/upstream/description.hpp"
#include "kaiyuan/util/error.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::upstream {

/// Where the registries are; each may be replaced (`--registry KIND=URL`), for a mirror or a
/// test server. Each ends with '/'.
struct RegistryBases {
    std::string pypi = "https://pypi.org/pypi/";
    std::string rubygems = "https://rubygems.org/api/v1/versions/";
    std::string metacpan = "https://fastapi.metacpan.org/v1/release/";
    std::string npm = "https://registry.npmjs.org/";
    std::string cratesio = "https://crates.io/api/v1/crates/";
    std::string maven = "https://repo1.maven.org/maven2/";
    std::string go = "https://proxy.golang.org/";
    std::string packagist = "https://repo.packagist.org/p2/";
    std::string nuget = "https://api.nuget.org/v3-flatcontainer/";
    std::string gnu = "https://ftp.gnu.org/gnu/";

    /// Sets the base of `kind` ("pypi", "npm", ... as kind_name writes them, "gnu-ftp" for gnu);
    /// fails for a kind with no registry.
    Result<void> set(std::string_view kind, std::string url);
};

struct ListedVersion {
    std::string tag;  ///< as the upstream writes it, before cleaning
    std::string date; ///< YYYY-MM-DD, "" when the upstream does not say
    bool marked_prerelease = false;
};

/// Whether `kind`'s releases are read over HTTP (this file) rather than from git refs.
bool listed_over_http(UpstreamKind kind);

/// The URL `d`'s releases are asked at; "" when `d` gives too little (no src_repo).
std::string listing_address(const UpstreamDescription& d, const RegistryBases& bases);

/// The versions in `body`, an answer of `d`'s kind. (`d` also gives the package name packagist
/// files its versions under, and the pattern of a regex source.)
Result<std::vector<ListedVersion>> read_listing(const UpstreamDescription& d,
                                                std::string_view body);

/// Go's module path escaping for the proxy protocol (golang.org/x/mod/module, EscapePath): each
/// upper-case letter becomes '!' and its lower case.
std::string go_escape(std::string_view module);

} // namespace kaiyuan::upstream
