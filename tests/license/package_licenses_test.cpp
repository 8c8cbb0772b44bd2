#include "kaiyuan/license/package_licenses.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan;
using namespace kaiyuan::license;

namespace {

FileLicenses file(std::string path, std::vector<std::string> expressions,
                  LicenseMatch::Kind kind = LicenseMatch::Kind::text) {
    FileLicenses f;
    f.path = std::move(path);
    for (auto& e : expressions) {
        LicenseMatch m;
        m.kind = kind;
        m.expression = std::move(e);
        f.licenses.push_back(std::move(m));
    }
    return f;
}

model::Component component(std::string name, std::string location,
                           std::vector<std::string> files = {}) {
    model::Component c;
    c.name = std::move(name);
    c.locations.push_back({std::move(location), "", 0});
    c.files = std::move(files);
    return c;
}

} // namespace

TEST(ConcludeLicenses, owned_files_under_their_root_and_package_directories) {
    LicenseScan scan;
    scan.files = {
        file("rootfs/usr/share/doc/zlib1g/copyright", {"Zlib"}),
        file("rootfs/usr/lib/libz.so.1", {}),
        file("web/node_modules/left-pad/LICENSE", {"WTFPL"}),
        file("web/node_modules/left-pad/index.js", {"MIT", "WTFPL"}, LicenseMatch::Kind::tag),
        file("web/node_modules/left-pad/node_modules/inner/LICENSE", {"ISC"}),
        file("web/node_modules/left-pad/README.md", {"Apache-2.0"}, LicenseMatch::Kind::clue),
    };
    model::Sbom sbom;
    sbom.components = {
        component("zlib1g", "rootfs/var/lib/dpkg/status",
                  {"/usr/share/doc/zlib1g/copyright", "/usr/lib/libz.so.1", "/not/scanned"}),
        component("left-pad", "web/node_modules/left-pad/package.json"),
        component("from-lockfile", "web/package-lock.json"),
    };
    auto stats = conclude_licenses(sbom, scan);
    EXPECT_EQ(stats.packages_with_files, 2u);
    EXPECT_EQ(stats.concluded, 2u);
    EXPECT_EQ(sbom.components[0].license_concluded, "Zlib");
    EXPECT_EQ(sbom.components[0].properties.at("kaiyuan:license:files"), "1");
    // The nested package's ISC and the README's clue are not left-pad's.
    EXPECT_EQ(sbom.components[1].license_concluded, "WTFPL AND MIT");
    EXPECT_EQ(sbom.components[2].license_concluded, "");
}

// base-files owns /usr/share/common-licenses/*: reference texts for every package, not its own.
TEST(ConcludeLicenses, debian_common_licenses_are_not_base_files_license) {
    LicenseScan scan;
    scan.files = {
        file("usr/share/doc/base-files/copyright", {"GPL-2.0-or-later"}),
        file("usr/share/common-licenses/Apache-2.0", {"Apache-2.0"}),
        file("usr/share/common-licenses/GPL-3", {"GPL-3.0-only"}),
    };
    model::Sbom sbom;
    sbom.components = {
        component("base-files", "var/lib/dpkg/status",
                  {"/usr/share/doc/base-files/copyright", "/usr/share/common-licenses/Apache-2.0",
                   "/usr/share/common-licenses/GPL-3"})};
    conclude_licenses(sbom, scan);
    EXPECT_EQ(sbom.components[0].license_concluded, "GPL-2.0-or-later");
}

// A license a package's files only name ("@license MIT") joins its conclusion, and says so.
TEST(ConcludeLicenses, licenses_named_only_by_reference_are_marked) {
    LicenseScan scan;
    scan.files = {
        file("web/node_modules/tiny/LICENSE", {"ISC"}),
        file("web/node_modules/tiny/index.js", {"ISC"}, LicenseMatch::Kind::reference),
        file("web/node_modules/tiny/vendor.js", {"MIT"}, LicenseMatch::Kind::reference),
        file("web/node_modules/plain/index.js", {"Apache-2.0"}),
    };
    model::Sbom sbom;
    sbom.components = {component("tiny", "web/node_modules/tiny/package.json"),
                       component("plain", "web/node_modules/plain/package.json")};
    conclude_licenses(sbom, scan);
    EXPECT_EQ(sbom.components[0].license_concluded, "ISC AND MIT");
    // ISC has a text too; only MIT rests on a reference.
    EXPECT_EQ(sbom.components[0].properties.at("kaiyuan:license:by-reference"), "MIT");
    EXPECT_EQ(sbom.components[1].license_concluded, "Apache-2.0");
    EXPECT_FALSE(sbom.components[1].properties.contains("kaiyuan:license:by-reference"));
}
