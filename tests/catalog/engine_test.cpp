#include "kaiyuan/catalog/engine/engine.hpp"
#include "kaiyuan/catalog/engine/registry.hpp"
#include "kaiyuan/source/archive_tree.hpp"
#include "kaiyuan/source/directory_tree.hpp"
#include "kaiyuan/source/memory_tree.hpp"
#include "kaiyuan/util/files.hpp"

#include "../source/test_archives.hpp"
#include "rpm/header_builder.hpp"
#include "rpm/sqlite_rpmdb.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

using namespace kaiyuan;

namespace {
const char* k_status =
    "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9+deb12u4\nArchitecture: amd64\n"
    "Source: glibc\nMaintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>\n\n"
    "Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2+b2\nArchitecture: amd64\n"
    "Pre-Depends: libc6 (>= 2.36), libtinfo6 (>= 6)\nDepends: base-files (>= 2.1.12), debianutils "
    "(>= 5.6-0.1)\n\n"
    "Package: sh-provider\nStatus: install ok installed\nVersion: 1\nArchitecture: all\nProvides: "
    "awk\n\n"
    "Package: needs-awk\nStatus: install ok installed\nVersion: 1\nArchitecture: all\nDepends: "
    "gawk | awk\n";
}

TEST(Engine, finds_nested_roots_with_their_own_distro) {
    source::MemoryTree tree({
        {"etc/os-release",
         "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"},
        {"var/lib/dpkg/status", k_status},
        {"var/lib/dpkg/info/bash.list", "/.\n/bin\n/bin/bash\n"},
        {"usr/share/doc/bash/copyright",
         "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: "
         "*\nLicense: GPL-3+\n"},
        {"chroot/usr/lib/os-release", "ID=ubuntu\nVERSION_ID=22.04\n"},
        {"chroot/var/lib/dpkg/status", "Package: zlib1g\nStatus: install ok installed\nVersion: "
                                       "1:1.2.11.dfsg-2ubuntu9\nArchitecture: amd64\n"},
    });
    auto sbom = catalog::scan(tree, catalog::all_catalogers());
    ASSERT_TRUE(sbom);
    EXPECT_EQ(sbom->metadata.distro.id, "debian");
    ASSERT_EQ(sbom->components.size(), 5u);
    std::map<std::string, const model::Component*> by_name;
    for (const auto& c : sbom->components)
        by_name[c.name] = &c;
    EXPECT_EQ(by_name["zlib1g"]->purl,
              "pkg:deb/ubuntu/zlib1g@1:1.2.11.dfsg-2ubuntu9?arch=amd64&distro=ubuntu-22.04");
    EXPECT_EQ(by_name["bash"]->purl,
              "pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12");
    EXPECT_EQ(by_name["bash"]->license_declared, "GPL-3.0-or-later");
    EXPECT_EQ(by_name["bash"]->files, (std::vector<std::string>{"/bin", "/bin/bash"}));
    EXPECT_EQ(by_name["bash"]->locations.front().line, 8u);
    EXPECT_EQ(by_name["libc6"]->source_name, "glibc");
    // bash -> libc6 (installed), base-files and libtinfo6 are absent; needs-awk -> sh-provider via
    // Provides.
    std::set<std::pair<std::string, std::string>> edges;
    for (const auto& r : sbom->relationships) {
        std::string from, to;
        for (const auto& c : sbom->components) {
            if (c.id == r.from) from = c.name;
            if (c.id == r.to) to = c.name;
        }
        edges.insert({from, to});
    }
    EXPECT_EQ(edges, (std::set<std::pair<std::string, std::string>>{{"bash", "libc6"},
                                                                    {"needs-awk", "sh-provider"}}));
}

TEST(Engine, rpm_requires_resolve_through_provides_and_files) {
    using test::HeaderBuilder;
    std::string bytes = test::make_sqlite_rpmdb(
        ::testing::TempDir() + "/kaiyuan-engine-rpmdb.sqlite",
        {HeaderBuilder::package("bash", "5.2", "1", "GPLv3+", {"bash", "/bin/sh"}, {"libc.so.6"}),
         HeaderBuilder::package("glibc", "2.38", "1", "LGPLv2+", {"glibc", "libc.so.6"}),
         HeaderBuilder::package("tool", "1", "1", "MIT", {}, {"/usr/bin/bash", "missing-thing"}),
         HeaderBuilder::package("gpg-pubkey", "abc", "1", "pubkey")});
    source::MemoryTree tree({{"etc/os-release", "ID=\"openEuler\"\nVERSION_ID=\"24.03\"\n"},
                             {"usr/lib/sysimage/rpm/rpmdb.sqlite", bytes}});
    auto sbom = catalog::scan(tree, catalog::all_catalogers());
    ASSERT_TRUE(sbom);
    ASSERT_EQ(sbom->components.size(), 3u); // gpg-pubkey is a key, said in a diagnostic
    EXPECT_EQ(sbom->components[0].purl.rfind(
                  "pkg:rpm/openeuler/bash@5.2-1?arch=x86_64&distro=openeuler-24.03", 0),
              0u);
    EXPECT_EQ(sbom->relationships.size(),
              2u); // bash -> glibc (libc.so.6), tool -> bash (/usr/bin/bash)
    bool said = false;
    for (const auto& d : sbom->diagnostics)
        said |= d.message.find("gpg-pubkey") != std::string::npos;
    EXPECT_TRUE(said);
}

TEST(Engine, distroless_status_d_files_and_their_md5sums) {
    source::MemoryTree tree({
        {"etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"},
        {"var/lib/dpkg/status.d/base",
         "Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\n"},
        {"var/lib/dpkg/status.d/base.md5sums", "d41d8cd98f00b204e9800998ecf8427e  etc/issue\n"},
        {"var/lib/dpkg/status.d/tzdata",
         "Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n"},
    });
    auto sbom = catalog::scan(tree, catalog::all_catalogers());
    ASSERT_TRUE(sbom);
    ASSERT_EQ(sbom->components.size(),
              2u); // status.d stanzas have no Status: installed by construction
    EXPECT_EQ(sbom->components[0].name, "base-files");
    EXPECT_EQ(sbom->components[1].purl,
              "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all&distro=debian-12");
    EXPECT_TRUE(sbom->diagnostics.empty());
}

TEST(Engine, wanted_paths_that_are_links_read_their_targets) {
    test::TempDir dir;
    dir.write("usr/lib/os-release", "ID=debian\nVERSION_ID=\"12\"\n");
    dir.write("srv/real-status",
              "Package: linked\nStatus: install ok installed\nVersion: 1\nArchitecture: all\n");
    std::filesystem::create_directories(std::filesystem::path(dir.path) / "etc");
    std::filesystem::create_directories(std::filesystem::path(dir.path) / "var/lib/dpkg");
    std::filesystem::create_directories(std::filesystem::path(dir.path) / "lib/apk/db");
    std::filesystem::create_symlink("../usr/lib/os-release",
                                    std::filesystem::path(dir.path) / "etc/os-release");
    std::filesystem::create_symlink("/srv/real-status",
                                    std::filesystem::path(dir.path) / "var/lib/dpkg/status");
    std::filesystem::create_symlink("../../../../../outside",
                                    std::filesystem::path(dir.path) / "lib/apk/db/installed");
    source::DirectoryTree tree(dir.path);
    auto sbom = catalog::scan(tree, catalog::all_catalogers());
    ASSERT_TRUE(sbom);
    ASSERT_EQ(sbom->components.size(), 1u);
    EXPECT_EQ(sbom->components[0].purl, "pkg:deb/debian/linked@1?arch=all&distro=debian-12");
    ASSERT_EQ(sbom->diagnostics.size(), 1u); // the link that leaves the tree
    EXPECT_EQ(sbom->diagnostics[0].location.path, "lib/apk/db/installed");
}

TEST(Engine, executables_are_found_by_content_in_directories_and_archives) {
    // Go 1.18+ build information after an ELF header with no section table (read whole), a
    // plain ELF with a section table and no .go.buildinfo (skipped after its headers), and a
    // text file without an extension (not an executable).
    auto vs = [](const std::string& s) { return std::string(1, static_cast<char>(s.size())) + s; };
    std::string mod =
        std::string(16, 'S') + "mod\texample.invalid/tool\tv1.0.0\t\n" + std::string(16, 'E');
    std::string go = std::string("\x7f"
                                 "ELF\x02\x01",
                                 6) +
                     std::string(58, '\0') + std::string("\xff Go buildinf:\x08\x02", 16) +
                     std::string(16, '\0') + vs("go1.22.1") + vs(mod);
    std::string plain_elf = util::read_file("/bin/true").value();
    test::TempDir dir;
    dir.write("usr/bin/tool", go);
    dir.write("usr/bin/true", plain_elf);
    dir.write("usr/share/doc/README", "text");
    std::string tar = test::make_archive(
        {{"usr/bin/tool", go}, {"usr/bin/true", plain_elf}, {"usr/share/doc/README", "text"}});
    std::string tar_path = dir.write("image.tar", tar);
    source::DirectoryTree tree(dir.path + "/usr");
    auto from_dir = catalog::scan(tree, catalog::all_catalogers());
    ASSERT_TRUE(from_dir);
    source::ArchiveTree archive(tar_path);
    auto from_tar = catalog::scan(archive, catalog::all_catalogers());
    ASSERT_TRUE(from_tar);
    for (const auto* sbom : {&*from_dir, &*from_tar}) {
        std::set<std::string> purls;
        for (const auto& c : sbom->components)
            purls.insert(c.purl);
        EXPECT_EQ(purls, (std::set<std::string>{"pkg:golang/example.invalid/tool@v1.0.0",
                                                "pkg:golang/stdlib@1.22.1"}));
    }
}

// A Python module a deb installed belongs to that deb: related to it ("contains") and marked,
// so that vulnerability matching goes through the distribution's package; one pip installed
// beside it is not.
TEST(Engine, language_packages_owned_by_an_os_package) {
    source::MemoryTree tree({
        {"etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"},
        {"var/lib/dpkg/status",
         "Package: python3-requests\nStatus: install ok installed\nVersion: 2.28.1+dfsg-1\n"
         "Architecture: all\nSource: requests\n"},
        {"var/lib/dpkg/info/python3-requests.list",
         "/.\n/usr\n/usr/lib/python3/dist-packages/requests-2.28.1.egg-info\n"
         "/usr/lib/python3/dist-packages/requests-2.28.1.egg-info/PKG-INFO\n"},
        {"usr/lib/python3/dist-packages/requests-2.28.1.egg-info/PKG-INFO",
         "Metadata-Version: 2.1\nName: requests\nVersion: 2.28.1\n"},
        {"usr/local/lib/python3.11/dist-packages/six-1.16.0.dist-info/METADATA",
         "Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\n"},
    });
    auto sbom = catalog::scan(tree, catalog::all_catalogers());
    ASSERT_TRUE(sbom);
    std::map<std::string, const model::Component*> by_name;
    for (const auto& c : sbom->components)
        by_name[c.name] = &c;
    ASSERT_TRUE(by_name.count("requests") && by_name.count("six") &&
                by_name.count("python3-requests"));
    const auto* deb = by_name["python3-requests"];
    EXPECT_EQ(by_name["requests"]->properties.at(model::k_owned_by_property), deb->purl);
    EXPECT_FALSE(by_name["six"]->properties.count(model::k_owned_by_property));
    bool contains = false;
    for (const auto& r : sbom->relationships)
        contains |= r.from == deb->id && r.to == by_name["requests"]->id &&
                    r.type == model::RelationshipType::contains;
    EXPECT_TRUE(contains);
}
