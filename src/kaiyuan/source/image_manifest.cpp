#include "kaiyuan/source/image_manifest.hpp"

#include "kaiyuan/source/file_tree.hpp"

#include "kaiyuan/util/json_read.hpp"

namespace kaiyuan::source {

namespace {
using simdjson::dom::element;

bool lower_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
} // namespace

Result<std::string> blob_path(std::string_view digest) {
    auto colon = digest.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == digest.size())
        return fail("digest '" + std::string(digest) + "' is not <algorithm>:<encoded>");
    std::string_view algorithm = digest.substr(0, colon), encoded = digest.substr(colon + 1);
    bool ok = lower_alnum(algorithm.front()) && lower_alnum(algorithm.back());
    for (std::size_t i = 0; ok && i < algorithm.size(); ++i) {
        char c = algorithm[i];
        bool sep = c == '+' || c == '.' || c == '_' || c == '-';
        ok = lower_alnum(c) || (sep && i > 0 && lower_alnum(algorithm[i - 1]));
    }
    for (char c : encoded)
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '=' || c == '_' || c == '-');
    if (!ok) return fail("digest '" + std::string(digest) + "' is malformed");
    return "blobs/" + std::string(algorithm) + "/" + std::string(encoded);
}

Result<DockerManifest> parse_docker_manifest(std::string_view json) {
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, json);
    if (!doc) return unexpected(doc.error());
    simdjson::dom::array arr;
    if (doc->get(arr) || arr.size() == 0) return fail("expected a non-empty array");
    element first = arr.at(0);
    DockerManifest m;
    std::string problem;
    m.config = normalize_member_path(util::json_string(first, "Config"), problem);
    if (m.config.empty()) return fail("Config is missing or escapes the image");
    simdjson::dom::array layers;
    if (first["Layers"].get(layers)) return fail("Layers is missing");
    for (element l : layers) {
        std::string_view sv;
        if (l.get(sv)) return fail("a layer is not a string");
        std::string path = normalize_member_path(sv, problem);
        if (path.empty()) return fail("layer '" + std::string(sv) + "' escapes the image");
        m.layers.push_back(std::move(path));
    }
    simdjson::dom::array tags;
    if (!first["RepoTags"].get(tags))
        for (element t : tags) {
            std::string_view sv;
            if (!t.get(sv)) m.repo_tags += (m.repo_tags.empty() ? "" : ",") + std::string(sv);
        }
    return m;
}

Result<OciDocument> parse_oci_document(std::string_view json) {
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, json);
    if (!doc) return unexpected(doc.error());
    OciDocument out;
    simdjson::dom::array manifests;
    if (!(*doc)["manifests"].get(manifests)) {
        out.is_index = true;
        for (element m : manifests) {
            std::string digest = util::json_string(m, "digest");
            if (digest.empty()) continue;
            if (out.manifest_digest.empty()) out.manifest_digest = digest;
            element platform;
            if (!m["platform"].get(platform) &&
                util::json_string(platform, "architecture") == "amd64" &&
                util::json_string(platform, "os") == "linux") {
                out.manifest_digest = digest;
                break;
            }
        }
        if (out.manifest_digest.empty()) return fail("the index lists no manifest");
        return out;
    }
    element config;
    if ((*doc)["config"].get(config) || util::json_string(config, "digest").empty())
        return fail("the manifest has no config");
    out.config_digest = util::json_string(config, "digest");
    simdjson::dom::array layers;
    if ((*doc)["layers"].get(layers)) return fail("the manifest has no layers");
    for (element l : layers) {
        std::string d = util::json_string(l, "digest");
        if (d.empty()) return fail("a layer has no digest");
        out.layer_digests.push_back(std::move(d));
    }
    return out;
}

Result<ImageConfig> parse_image_config(std::string_view json) {
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, json);
    if (!doc) return unexpected(doc.error());
    if (!doc->is_object()) return fail("the config is not an object");
    ImageConfig c;
    for (const char* key : {"os", "architecture", "variant", "created"}) {
        std::string v = util::json_string(*doc, key);
        if (!v.empty()) c.properties["image:" + std::string(key)] = v;
    }
    simdjson::dom::object labels;
    if (!(*doc)["config"]["Labels"].get(labels))
        for (auto [k, v] : labels) {
            std::string_view sv;
            if (!v.get(sv)) c.properties["image:label:" + std::string(k)] = std::string(sv);
        }
    simdjson::dom::array diff_ids;
    if (!(*doc)["rootfs"]["diff_ids"].get(diff_ids))
        for (element d : diff_ids) {
            std::string_view sv;
            c.diff_ids.push_back(d.get(sv) ? std::string() : std::string(sv));
        }
    return c;
}

} // namespace kaiyuan::source
