#include "kaiyuan/source/image_tree.hpp"
#include "kaiyuan/source/open_target.hpp"
#include "kaiyuan/util/hash.hpp"

#include "test_archives.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace kaiyuan;
using test::Member;

namespace {
struct Collect final : source::Visitor {
    std::map<std::string, std::string> files;
    std::map<std::string, std::string> layer_of;
    std::vector<std::string> links;
    bool wants(const source::Entry& e) override {
        if (e.type == source::EntryType::symlink) links.push_back(e.path);
        return true;
    }
    void contents(const source::Entry& e, std::string&& d) override {
        files[e.path] = std::move(d);
        layer_of[e.path] = e.layer;
    }
};

const char* k_config =
    R"({"architecture":"arm64","os":"linux","config":{"Labels":{"org.opencontainers.image.source":"https://example.invalid/repo"}},"rootfs":{"type":"layers","diff_ids":["sha256:l1","sha256:l2"]}})";

std::vector<Member> layer1() {
    return {{"etc/", "", Member::directory},
            {"etc/keep", "base"},
            {"etc/gone", "deleted later"},
            {"opt/", "", Member::directory},
            {"opt/old", "hidden by opaque"},
            {"var/lib/dpkg/status", "v1"},
            {"etc/link-gone", "", Member::symlink, "keep"},
            {"etc/link-kept", "", Member::symlink, "keep"}};
}
std::vector<Member> layer2() {
    return {{"etc/.wh.gone", ""},
            {"etc/.wh.link-gone", ""},
            {"opt/.wh..wh..opq", ""},
            {"opt/new", "after opaque"},
            {"var/lib/dpkg/status", "v2"}};
}
} // namespace

TEST(ImageTree, docker_archive_applies_layers_with_whiteouts) {
    test::TempDir dir;
    std::string manifest =
        R"([{"Config":"cfg.json","RepoTags":["demo:1"],"Layers":["l1/layer.tar","l2/layer.tar"]}])";
    // Layer 2 is stored before layer 1: order comes from the manifest, not the tar.
    auto path =
        dir.write("image.tar",
                  test::make_archive({{"l2/layer.tar", test::make_archive(layer2())},
                                      {"l1/layer.tar", test::make_archive(layer1(), "tar", "gzip")},
                                      {"cfg.json", k_config},
                                      {"manifest.json", manifest}}));
    auto tree = source::open_target(path);
    ASSERT_TRUE(tree) << tree.error().message;
    EXPECT_EQ((*tree)->kind(), "docker-archive");
    Collect c;
    std::vector<model::Diagnostic> diags;
    ASSERT_TRUE((*tree)->walk(c, diags));
    EXPECT_TRUE(diags.empty());
    EXPECT_EQ(c.files["etc/keep"], "base");
    EXPECT_FALSE(c.files.contains("etc/gone"));
    EXPECT_FALSE(c.files.contains("opt/old"));
    EXPECT_EQ(c.files["opt/new"], "after opaque");
    EXPECT_EQ(c.files["var/lib/dpkg/status"], "v2");
    EXPECT_EQ(c.layer_of["var/lib/dpkg/status"], "sha256:l2");
    EXPECT_EQ(c.links,
              (std::vector<std::string>{"etc/link-kept"})); // the deleted link is never announced
    auto props = (*tree)->properties();
    EXPECT_EQ(props["image:architecture"], "arm64");
    EXPECT_EQ(props["image:os"], "linux");
    EXPECT_EQ(props["image:label:org.opencontainers.image.source"], "https://example.invalid/repo");
    EXPECT_EQ(props["image:repo-tags"], "demo:1");
}

TEST(ImageTree, compressed_docker_save_with_hex_layer_directories) {
    // `docker save img | gzip`, laid out as docker < 25 writes it: <64 hex>/layer.tar first,
    // manifest.json last.
    test::TempDir dir;
    std::string h1(64, 'a'), h2(64, 'b');
    std::string manifest =
        R"([{"Config":"cfg.json","Layers":[")" + h1 + R"(/layer.tar",")" + h2 + R"(/layer.tar"]}])";
    auto path = dir.write("image.tar.gz",
                          test::make_archive({{h1 + "/", "", Member::directory},
                                              {h1 + "/layer.tar", test::make_archive(layer1())},
                                              {h2 + "/", "", Member::directory},
                                              {h2 + "/layer.tar", test::make_archive(layer2())},
                                              {"cfg.json", k_config},
                                              {"manifest.json", manifest}},
                                             "tar", "gzip"));
    auto tree = source::open_target(path);
    ASSERT_TRUE(tree) << tree.error().message;
    EXPECT_EQ((*tree)->kind(), "docker-archive");
    Collect c;
    std::vector<model::Diagnostic> diags;
    ASSERT_TRUE((*tree)->walk(c, diags));
    EXPECT_EQ(c.files["var/lib/dpkg/status"], "v2");
    EXPECT_FALSE(c.files.contains("etc/gone"));
}

TEST(ImageTree, a_root_filesystem_tarball_is_not_an_image) {
    test::TempDir dir;
    auto path = dir.write("rootfs.tar.gz", test::make_archive(layer1(), "tar", "gzip"));
    auto tree = source::open_target(path);
    ASSERT_TRUE(tree);
    EXPECT_EQ((*tree)->kind(), "archive");
}

TEST(ImageTree, oci_layout_directory_and_missing_layer) {
    test::TempDir dir;
    std::string l1 = test::make_archive(layer1(), "tar", "gzip");
    auto digest = [](const std::string& s) {
        return "sha256:" + util::digest_hex(util::DigestAlgorithm::sha256, s);
    };
    std::string d1 = digest(l1), dc = digest(k_config);
    std::string manifest = R"({"schemaVersion":2,"config":{"digest":")" + dc +
                           R"("},"layers":[{"digest":")" + d1 + R"("},{"digest":"sha256:0000"}]})";
    std::string dm = digest(manifest);
    std::string index = R"({"schemaVersion":2,"manifests":[{"digest":")" + dm +
                        R"(","platform":{"architecture":"amd64","os":"linux"}}]})";
    dir.write("oci-layout", R"({"imageLayoutVersion":"1.0.0"})");
    dir.write("index.json", index);
    dir.write("blobs/sha256/" + dm.substr(7), manifest);
    dir.write("blobs/sha256/" + dc.substr(7), k_config);
    dir.write("blobs/sha256/" + d1.substr(7), l1);
    auto tree = source::open_target(dir.path);
    ASSERT_TRUE(tree) << tree.error().message;
    EXPECT_EQ((*tree)->kind(), "oci-layout");
    Collect c;
    std::vector<model::Diagnostic> diags;
    ASSERT_TRUE((*tree)->walk(c, diags));
    EXPECT_EQ(c.files["etc/gone"], "deleted later");
    EXPECT_EQ(c.layer_of["etc/gone"], d1);
    ASSERT_EQ(diags.size(), 1u); // the second layer's blob is missing: said, and the rest is read
    EXPECT_EQ(diags[0].severity, model::Severity::error);
}

TEST(ImageTree, broken_manifest_is_an_error) {
    test::TempDir dir;
    auto path = dir.write("bad.tar", test::make_archive({{"manifest.json", "[{\"Config\": 3}]"}}));
    auto tree = source::open_target(path);
    EXPECT_FALSE(tree);
}
