#pragma once
/// The JSON documents of a container image, parsed by pure functions (fuzzed, unit-tested):
/// docker-archive's manifest.json, OCI index.json / image index / image manifest
/// (image-spec image-index.md, manifest.md) and the image config (config.md).
#include "kaiyuan/util/error.hpp"

#include <map>
#include <string>
#include <vector>

namespace kaiyuan::source {

struct DockerManifest {
    std::string config;              ///< member path of the config JSON
    std::vector<std::string> layers; ///< member paths of the layer tars, bottom first
    std::string repo_tags;           ///< comma-separated
};

/// manifest.json of `docker save`: an array whose first entry names Config and Layers. Member
/// paths are normalised; one that escapes the image root is an error.
Result<DockerManifest> parse_docker_manifest(std::string_view json);

/// An OCI index (index.json, or an image index blob) or an image manifest.
struct OciDocument {
    bool is_index = false;
    std::string manifest_digest; ///< index: the chosen manifest (linux/amd64, else the first)
    std::string config_digest;   ///< manifest: the config blob
    std::vector<std::string> layer_digests; ///< manifest: the layer blobs, bottom first
};

Result<OciDocument> parse_oci_document(std::string_view json);

/// The image config: "image:os", "image:architecture", "image:variant", "image:created",
/// "image:label:<key>" properties, and the layers' diff ids.
struct ImageConfig {
    std::map<std::string, std::string> properties;
    std::vector<std::string> diff_ids;
};

Result<ImageConfig> parse_image_config(std::string_view json);

/// "blobs/<algorithm>/<encoded>" for a digest; fails unless the digest has the image-spec form
/// (descriptor.md: algorithm [a-z0-9]+([+._-][a-z0-9]+)*, encoded [a-zA-Z0-9=_-]+), so a digest
/// can never point outside the image.
Result<std::string> blob_path(std::string_view digest);

} // namespace kaiyuan::source
