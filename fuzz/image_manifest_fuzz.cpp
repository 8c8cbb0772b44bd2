// libFuzzer target: the JSON documents of container images (docker manifest.json, OCI index and
// manifest, image config) and digest validation.
#include "kaiyuan/source/image_manifest.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    using namespace kaiyuan::source;
    (void)parse_docker_manifest(text);
    if (auto d = parse_oci_document(text)) {
        (void)blob_path(d->manifest_digest);
        for (const auto& l : d->layer_digests)
            (void)blob_path(l);
    }
    (void)parse_image_config(text);
    (void)blob_path(text);
    return 0;
}
