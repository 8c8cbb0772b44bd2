#include "kaiyuan/catalog/binary/cargo_auditable.hpp"
#include "kaiyuan/catalog/binary/elf.hpp"
#include "kaiyuan/catalog/binary/go_buildinfo.hpp"
#include "kaiyuan/util/files.hpp"

#include "../../source/test_archives.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <map>

using namespace kaiyuan;
using namespace kaiyuan::catalog::binary;

namespace {

std::string varint_string(const std::string& s) {
    std::string out;
    std::uint64_t n = s.size();
    do {
        unsigned char b = n & 0x7F;
        n >>= 7;
        out += static_cast<char>(b | (n ? 0x80 : 0));
    } while (n);
    return out + s;
}

// A file laid out as Go 1.18+ writes build information: header at a 16-byte boundary, flags
// bit 2 (inline strings), version and module information framed by 16-byte sentinels.
std::string go_binary(const std::string& modinfo, char flags = 2) {
    std::string file = std::string("\x7f"
                                   "ELF",
                                   4) +
                       std::string(60, '\0');
    std::string header =
        std::string("\xff Go buildinf:", 14) + '\x08' + flags + std::string(16, '\0');
    std::string framed = std::string(16, 'S') + modinfo + std::string(16, 'E');
    return file + header + varint_string("go1.22.1") + varint_string(framed) +
           std::string(100, '\0');
}

const model::Location k_loc{"usr/bin/app", "", 0};

} // namespace

TEST(GoBuildInfo, main_module_dependencies_replacements_and_stdlib) {
    auto r = parse_go_binary(go_binary("path\texample.invalid/app/cmd/app\n"
                                       "mod\texample.invalid/app\tv1.0.0\th1:main=\n"
                                       "dep\tgithub.com/a/b\tv1.2.3\th1:abc=\n"
                                       "dep\tgithub.com/c/d\tv0.1.0\th1:old=\n"
                                       "=>\tgithub.com/fork/d\tv0.1.1\th1:new=\n"
                                       "build\tGOOS=linux\nbuild\tvcs.revision=0123abc\n"),
                             k_loc);
    ASSERT_EQ(r.components.size(), 4u);
    std::map<std::string, const model::Component*> c;
    for (const auto& comp : r.components)
        c[comp.purl] = &comp;
    const auto* app = c.at("pkg:golang/example.invalid/app@v1.0.0");
    EXPECT_EQ(app->type, model::ComponentType::application);
    EXPECT_EQ(app->properties.at("kaiyuan:go:build:vcs.revision"), "0123abc");
    EXPECT_EQ(app->properties.at("kaiyuan:go:toolchain"), "go1.22.1");
    EXPECT_EQ(c.at("pkg:golang/github.com/a/b@v1.2.3")->properties.at("kaiyuan:go:h1"), "h1:abc=");
    EXPECT_EQ(c.at("pkg:golang/github.com/fork/d@v0.1.1")->properties.at("kaiyuan:go:replaces"),
              "github.com/c/d@v0.1.0");
    EXPECT_TRUE(c.contains("pkg:golang/stdlib@1.22.1"));
    EXPECT_EQ(r.relationships.size(), 3u);
}

TEST(GoBuildInfo, old_cut_and_absent_build_information) {
    auto old = parse_go_binary(go_binary("mod\tx\tv1\t\n", 0), k_loc);
    EXPECT_TRUE(old.components.empty());
    ASSERT_EQ(old.diagnostics.size(), 1u);
    EXPECT_NE(old.diagnostics[0].message.find("before 1.18"), std::string::npos);
    std::string full = go_binary("mod\tx\tv1\t\n");
    for (std::size_t cut = 64; cut < full.size() - 100; ++cut)
        (void)parse_go_binary(std::string_view(full).substr(0, cut), k_loc); // never reads past
    auto cut = parse_go_binary(std::string_view(full).substr(0, 100), k_loc);
    EXPECT_TRUE(cut.components.empty());
    EXPECT_FALSE(cut.diagnostics.empty());
    EXPECT_TRUE(parse_go_binary(std::string("\x7f"
                                            "ELF",
                                            4) +
                                    std::string(1000, 'x'),
                                k_loc)
                    .diagnostics.empty());
}

TEST(GoBuildInfo, a_binary_built_by_the_go_toolchain) {
    if (std::system("command -v go >/dev/null 2>&1") != 0) GTEST_SKIP() << "go is not installed";
    test::TempDir dir;
    dir.write("go.mod", "module example.invalid/hello\n\ngo 1.19\n");
    dir.write("main.go", "package main\n\nfunc main() { println(\"hi\") }\n");
    std::string cmd = "cd " + dir.path + " && HOME=" + dir.path + " GOCACHE=" + dir.path +
                      "/cache GOFLAGS=-mod=mod GOPROXY=off go build -o hello . 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    auto r = parse_go_binary(util::read_file(dir.path + "/hello").value(), k_loc);
    ASSERT_EQ(r.components.size(), 2u);
    EXPECT_EQ(r.components[0].purl, "pkg:golang/example.invalid/hello");
    EXPECT_TRUE(r.components[1].purl.starts_with("pkg:golang/stdlib@1."));
}

TEST(CargoAuditable, dependency_list_from_json) {
    auto r = parse_cargo_auditable_json(
        R"({"packages":[{"name":"app","version":"0.1.0","source":"local","dependencies":[1,2],"root":true},
        {"name":"serde","version":"1.0.200","source":"crates.io"},
        {"name":"cc","version":"1.0.0","source":"crates.io","kind":"build"}]})",
        k_loc);
    ASSERT_EQ(r.components.size(), 3u);
    EXPECT_EQ(r.components[0].type, model::ComponentType::application);
    EXPECT_EQ(r.components[1].purl, "pkg:cargo/serde@1.0.200");
    EXPECT_EQ(r.components[2].properties.at("kaiyuan:scope"), "build");
    EXPECT_EQ(r.relationships.size(), 2u);
    EXPECT_FALSE(parse_cargo_auditable_json("{}", k_loc).diagnostics.empty());
    EXPECT_FALSE(parse_cargo_auditable_json("[", k_loc).diagnostics.empty());
}

TEST(CargoAuditable, section_added_by_objcopy_to_a_real_elf) {
    if (std::system("command -v objcopy >/dev/null 2>&1") != 0) GTEST_SKIP() << "objcopy missing";
    std::string json =
        R"({"packages":[{"name":"tool","version":"2.0.0","source":"local","root":true}]})";
    uLongf size = compressBound(json.size());
    std::string z(size, '\0');
    ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(z.data()), &size,
                        reinterpret_cast<const Bytef*>(json.data()), json.size(), 9),
              Z_OK);
    z.resize(size);
    test::TempDir dir;
    std::string section = dir.write("dep", z);
    std::string cmd =
        "objcopy --add-section .dep-v0=" + section + " /bin/true " + dir.path + "/tool";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    std::string elf = util::read_file(dir.path + "/tool").value();
    ASSERT_TRUE(elf_section(elf, ".dep-v0"));
    EXPECT_TRUE(elf_section(elf, ".text"));
    EXPECT_FALSE(elf_section(elf, ".nope"));
    auto r = parse_cargo_auditable(elf, k_loc);
    ASSERT_EQ(r.components.size(), 1u);
    EXPECT_EQ(r.components[0].purl, "pkg:cargo/tool@2.0.0");
    // A plain ELF: nothing, silently; a corrupt section: a diagnostic.
    EXPECT_TRUE(
        parse_cargo_auditable(util::read_file("/bin/true").value(), k_loc).diagnostics.empty());
    std::string corrupt = elf;
    auto dep = elf_section(elf, ".dep-v0");
    corrupt.replace(static_cast<std::size_t>(dep->data() - elf.data()), 4, "XXXX");
    EXPECT_FALSE(parse_cargo_auditable(corrupt, k_loc).diagnostics.empty());
    for (std::size_t cut = 0; cut < 200; ++cut)
        (void)elf_section(std::string_view(elf).substr(0, cut), ".dep-v0");
}
