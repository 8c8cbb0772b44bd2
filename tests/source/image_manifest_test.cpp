#include "kaiyuan/source/image_manifest.hpp"

#include <gtest/gtest.h>

using namespace kaiyuan::source;

TEST(ImageManifest, docker_manifest_as_docker_save_writes_it) {
    auto m = parse_docker_manifest(
        R"([{"Config":"blobs/sha256/ab12","RepoTags":["debian:12","debian:bookworm"],"Layers":["blobs/sha256/cd34","./blobs/sha256/ef56"]}])");
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(m->config, "blobs/sha256/ab12");
    EXPECT_EQ(m->layers, (std::vector<std::string>{"blobs/sha256/cd34", "blobs/sha256/ef56"}));
    EXPECT_EQ(m->repo_tags, "debian:12,debian:bookworm");
}

TEST(ImageManifest, docker_manifest_rejects_paths_out_of_the_image) {
    EXPECT_FALSE(parse_docker_manifest(R"([{"Config":"c.json","Layers":["../../etc/shadow"]}])"));
    EXPECT_FALSE(parse_docker_manifest(R"([{"Config":"../c.json","Layers":[]}])"));
    EXPECT_FALSE(parse_docker_manifest(R"([])"));
    EXPECT_FALSE(parse_docker_manifest(R"({"Config":"c"})"));
    EXPECT_FALSE(parse_docker_manifest(R"([{"Config":"c.json","Layers":[3]}])"));
    EXPECT_FALSE(parse_docker_manifest("[{"));
}

TEST(ImageManifest, oci_index_prefers_linux_amd64) {
    auto d = parse_oci_document(R"({"schemaVersion":2,"manifests":[
        {"digest":"sha256:aa","platform":{"architecture":"arm64","os":"linux"}},
        {"digest":"sha256:bb","platform":{"architecture":"amd64","os":"linux"}}]})");
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->is_index);
    EXPECT_EQ(d->manifest_digest, "sha256:bb");
    auto m = parse_oci_document(
        R"({"schemaVersion":2,"config":{"digest":"sha256:cc"},"layers":[{"digest":"sha256:dd"}]})");
    ASSERT_TRUE(m);
    EXPECT_FALSE(m->is_index);
    EXPECT_EQ(m->layer_digests, (std::vector<std::string>{"sha256:dd"}));
    EXPECT_FALSE(parse_oci_document(R"({"manifests":[]})"));
    EXPECT_FALSE(parse_oci_document(R"({"config":{}, "layers":[]})"));
}

TEST(ImageManifest, digests_cannot_escape_the_blob_store) {
    EXPECT_EQ(blob_path("sha256:0123abcd").value(), "blobs/sha256/0123abcd");
    EXPECT_EQ(blob_path("sha512+b64u:AbC-_=").value(), "blobs/sha512+b64u/AbC-_=");
    for (const char* bad : {"sha256:../../etc/passwd", "../x:y", "sha256:", ":abc", "sha256:a/b",
                            "SHA256:ab", "sha256"})
        EXPECT_FALSE(blob_path(bad)) << bad;
}

TEST(ImageManifest, config_properties_and_diff_ids) {
    auto c = parse_image_config(R"({"architecture":"arm64","variant":"v8","os":"linux",
        "config":{"Labels":{"org.opencontainers.image.version":"24.03"}},"rootfs":{"diff_ids":["sha256:1","sha256:2"]}})");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->properties.at("image:variant"), "v8");
    EXPECT_EQ(c->properties.at("image:label:org.opencontainers.image.version"), "24.03");
    EXPECT_EQ(c->diff_ids.size(), 2u);
    EXPECT_FALSE(parse_image_config("[]"));
    EXPECT_FALSE(parse_image_config(""));
}
