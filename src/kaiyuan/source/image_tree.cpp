#include "kaiyuan/source/image_tree.hpp"

#include "kaiyuan/source/archive_reader.hpp"
#include "kaiyuan/util/files.hpp"

#include <simdjson.h>

#include <algorithm>
#include <sys/stat.h>
#include <unordered_map>

namespace kaiyuan::source {

namespace {

constexpr std::uint64_t k_max_json_member = 8u << 20;

struct Layer {
    std::string member; ///< path inside the image container
    std::string digest; ///< diff id or blob digest, for locations
};

// What one layer holds, before squashing.
struct LayerContent {
    std::vector<Entry> entries;
    std::unordered_map<std::string, std::string> data;
    std::vector<std::string> deleted; ///< paths whited out by `.wh.<name>`
    std::vector<std::string> opaque;  ///< directories made opaque by `.wh..wh..opq`
};

std::string blob_path(std::string_view digest) {
    auto colon = digest.find(':');
    if (colon == std::string_view::npos) return {};
    return "blobs/" + std::string(digest.substr(0, colon)) + "/" +
           std::string(digest.substr(colon + 1));
}

std::string basename_of(std::string_view p) {
    auto slash = p.rfind('/');
    return std::string(slash == std::string_view::npos ? p : p.substr(slash + 1));
}

std::string dirname_of(std::string_view p) {
    auto slash = p.rfind('/');
    return slash == std::string_view::npos ? std::string() : std::string(p.substr(0, slash));
}

} // namespace

struct ImageTree::Impl {
    std::string path;
    bool is_directory = false;
    std::string kind;
    WalkLimits limits;
    std::unordered_map<std::string, std::string> small; // tar: small JSON members by path
    std::vector<Layer> layers;
    std::map<std::string, std::string> properties;

    Result<std::string> member(const std::string& name) {
        if (is_directory) return util::read_file(path + "/" + name, k_max_json_member);
        auto it = small.find(name);
        if (it == small.end()) return fail(path + ": image has no '" + name + "'");
        return it->second;
    }

    Result<void> load_small_members() {
        std::vector<model::Diagnostic> ignored;
        auto reader = ArchiveReader::open(ArchiveInput{path, {}, {}}, path, limits);
        if (!reader) return unexpected(reader.error());
        return reader->for_each(
            [&](const Entry& e) {
                return e.type == EntryType::file && e.size <= k_max_json_member;
            },
            [&](const Entry& e, std::string&& d) {
                if (!d.empty() && (d.front() == '{' || d.front() == '['))
                    small.emplace(e.path, std::move(d));
                else if (e.path == "oci-layout")
                    small.emplace(e.path, std::move(d));
            },
            ignored);
    }

    Result<void> read_config(const std::string& config_member) {
        auto text = member(config_member);
        if (!text) return unexpected(text.error());
        simdjson::dom::parser parser;
        simdjson::dom::element doc;
        if (parser.parse(*text).get(doc))
            return fail(path + ": " + config_member + ": invalid JSON");
        std::string_view sv;
        if (!doc["os"].get(sv)) properties["image:os"] = std::string(sv);
        if (!doc["architecture"].get(sv)) properties["image:architecture"] = std::string(sv);
        if (!doc["variant"].get(sv)) properties["image:variant"] = std::string(sv);
        if (!doc["created"].get(sv)) properties["image:created"] = std::string(sv);
        simdjson::dom::object labels;
        if (!doc["config"]["Labels"].get(labels)) {
            for (auto [k, v] : labels) {
                if (!v.get(sv)) properties["image:label:" + std::string(k)] = std::string(sv);
            }
        }
        simdjson::dom::array diff_ids;
        if (!doc["rootfs"]["diff_ids"].get(diff_ids)) {
            std::size_t i = 0;
            for (auto d : diff_ids) {
                if (i < layers.size() && !d.get(sv)) layers[i].digest = std::string(sv);
                ++i;
            }
        }
        return {};
    }

    Result<void> read_docker_manifest() {
        auto text = member("manifest.json");
        if (!text) return unexpected(text.error());
        simdjson::dom::parser parser;
        simdjson::dom::element doc;
        if (parser.parse(*text).get(doc)) return fail(path + ": manifest.json: invalid JSON");
        simdjson::dom::array arr;
        if (doc.get(arr) || arr.size() == 0)
            return fail(path + ": manifest.json: expected a non-empty array");
        simdjson::dom::element first = arr.at(0);
        std::string_view config;
        if (first["Config"].get(config)) return fail(path + ": manifest.json: no Config");
        simdjson::dom::array ls;
        if (first["Layers"].get(ls)) return fail(path + ": manifest.json: no Layers");
        for (auto l : ls) {
            std::string_view sv;
            if (l.get(sv)) return fail(path + ": manifest.json: a layer is not a string");
            layers.push_back({std::string(sv), std::string(sv)});
        }
        simdjson::dom::array tags;
        if (!first["RepoTags"].get(tags)) {
            std::string all;
            for (auto t : tags) {
                std::string_view sv;
                if (!t.get(sv)) all += (all.empty() ? "" : ",") + std::string(sv);
            }
            if (!all.empty()) properties["image:repo-tags"] = all;
        }
        properties["image:config"] = std::string(config);
        kind = "docker-archive";
        return read_config(std::string(config));
    }

    // OCI image-spec image-layout.md: index.json -> (image index ->) manifest -> config + layers.
    Result<void> read_oci_index() {
        auto text = member("index.json");
        if (!text) return unexpected(text.error());
        simdjson::dom::parser parser;
        std::string current = "index.json";
        std::string body = std::move(*text);
        for (int depth = 0; depth < 4; ++depth) {
            simdjson::dom::element doc;
            if (parser.parse(body).get(doc)) return fail(path + ": " + current + ": invalid JSON");
            simdjson::dom::array manifests;
            if (!doc["manifests"].get(manifests)) {
                // An index: prefer linux/amd64, else the first manifest.
                std::string chosen;
                for (auto m : manifests) {
                    std::string_view digest, arch, os;
                    if (m["digest"].get(digest)) continue;
                    if (chosen.empty()) chosen = std::string(digest);
                    if (!m["platform"]["architecture"].get(arch) && !m["platform"]["os"].get(os) &&
                        arch == "amd64" && os == "linux") {
                        chosen = std::string(digest);
                        break;
                    }
                }
                if (chosen.empty()) return fail(path + ": " + current + ": no manifest");
                current = blob_path(chosen);
                auto next = member(current);
                if (!next) return unexpected(next.error());
                body = std::move(*next);
                continue;
            }
            std::string_view config_digest;
            if (doc["config"]["digest"].get(config_digest))
                return fail(path + ": " + current + ": no config");
            simdjson::dom::array ls;
            if (doc["layers"].get(ls)) return fail(path + ": " + current + ": no layers");
            for (auto l : ls) {
                std::string_view digest;
                if (l["digest"].get(digest))
                    return fail(path + ": " + current + ": a layer has no digest");
                layers.push_back({blob_path(digest), std::string(digest)});
            }
            properties["image:config-digest"] = std::string(config_digest);
            kind = "oci-layout";
            auto r = read_config(blob_path(config_digest));
            // Layer locations name the compressed blob digests from the manifest, not diff ids.
            for (std::size_t i = 0; i < layers.size(); ++i)
                layers[i].digest = std::string(ls.at(i)["digest"].get_string().value_unsafe());
            return r;
        }
        return fail(path + ": index.json: nested too deeply");
    }

    void read_layer_entries(ArchiveReader& reader, LayerContent& out, const Layer& layer,
                            Visitor& visitor, std::vector<model::Diagnostic>& diagnostics) {
        auto r = reader.for_each(
            [&](const Entry& e) {
                std::string base = basename_of(e.path);
                if (base.starts_with(".wh.")) {
                    if (base == ".wh..wh..opq")
                        out.opaque.push_back(dirname_of(e.path));
                    else {
                        std::string dir = dirname_of(e.path);
                        out.deleted.push_back((dir.empty() ? "" : dir + "/") + base.substr(4));
                    }
                    return false;
                }
                out.entries.push_back(e);
                return visitor.wants(e);
            },
            [&](const Entry& e, std::string&& data) { out.data[e.path] = std::move(data); },
            diagnostics, layer.digest);
        if (!r)
            diagnostics.push_back(
                {model::Severity::error, {layer.member, layer.digest, 0}, r.error().message});
    }
};

ImageTree::ImageTree(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
ImageTree::~ImageTree() = default;
std::string ImageTree::kind() const {
    return m_impl->kind;
}
std::map<std::string, std::string> ImageTree::properties() const {
    return m_impl->properties;
}

Result<std::unique_ptr<ImageTree>> ImageTree::open(const std::string& path, WalkLimits limits) {
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->limits = limits;
    struct stat st {};
    impl->is_directory = ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    if (!impl->is_directory) {
        if (auto r = impl->load_small_members(); !r) return unexpected(r.error());
    }
    bool has_manifest = impl->is_directory ? ::stat((path + "/manifest.json").c_str(), &st) == 0
                                           : impl->small.contains("manifest.json");
    auto r = has_manifest ? impl->read_docker_manifest() : impl->read_oci_index();
    if (!r) return unexpected(r.error());
    return std::unique_ptr<ImageTree>(new ImageTree(std::move(impl)));
}

Result<void> ImageTree::walk(Visitor& visitor, std::vector<model::Diagnostic>& diagnostics) {
    auto& im = *m_impl;
    std::vector<LayerContent> contents(im.layers.size());
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < im.layers.size(); ++i)
        index.emplace(im.layers[i].member, i);

    if (im.is_directory) {
        for (std::size_t i = 0; i < im.layers.size(); ++i) {
            auto reader =
                ArchiveReader::open(ArchiveInput{im.path + "/" + im.layers[i].member, {}, {}},
                                    im.layers[i].member, im.limits);
            if (!reader) {
                diagnostics.push_back({model::Severity::error,
                                       {im.layers[i].member, im.layers[i].digest, 0},
                                       reader.error().message});
                continue;
            }
            im.read_layer_entries(*reader, contents[i], im.layers[i], visitor, diagnostics);
        }
    } else {
        // One pass over the outer tar; each layer member is streamed through a nested reader.
        auto outer = ArchiveReader::open(ArchiveInput{im.path, {}, {}}, im.path, im.limits);
        if (!outer) return unexpected(outer.error());
        std::vector<bool> seen(im.layers.size());
        auto r = outer->for_each(
            [&](const Entry& e) {
                auto it = index.find(e.path);
                if (it == index.end() || e.type != EntryType::file) return false;
                seen[it->second] = true;
                const Layer& layer = im.layers[it->second];
                auto nested = ArchiveReader::open(
                    ArchiveInput{{}, {}, outer->current_data_stream()}, layer.member, im.limits);
                if (!nested) {
                    diagnostics.push_back({model::Severity::error,
                                           {layer.member, layer.digest, 0},
                                           nested.error().message});
                    return false;
                }
                im.read_layer_entries(*nested, contents[it->second], layer, visitor, diagnostics);
                return false;
            },
            [](const Entry&, std::string&&) {}, diagnostics);
        if (!r) return r;
        for (std::size_t i = 0; i < seen.size(); ++i)
            if (!seen[i])
                diagnostics.push_back({model::Severity::error,
                                       {im.layers[i].member, im.layers[i].digest, 0},
                                       "layer named in the manifest is missing from the image"});
    }

    // Squash: whiteouts of layer i remove lower-layer paths before layer i's own entries land.
    struct Final {
        Entry entry;
        std::string* data = nullptr;
    };
    std::map<std::string, Final> tree;
    auto erase_under = [&](const std::string& dir, bool include_self) {
        if (include_self) tree.erase(dir);
        std::string prefix = dir.empty() ? "" : dir + "/";
        auto it = tree.lower_bound(prefix);
        while (it != tree.end() && it->first.starts_with(prefix))
            it = tree.erase(it);
    };
    for (auto& layer : contents) {
        for (auto& dir : layer.opaque)
            erase_under(dir, false);
        for (auto& p : layer.deleted)
            erase_under(p, true);
        for (auto& e : layer.entries) {
            auto d = layer.data.find(e.path);
            tree[e.path] = Final{e, d == layer.data.end() ? nullptr : &d->second};
        }
    }
    for (auto& [p, f] : tree) {
        if (!visitor.wants(f.entry) || !f.data) continue;
        visitor.contents(f.entry, std::move(*f.data));
    }
    return {};
}

bool tar_is_image(const std::string& path) {
    auto reader = ArchiveReader::open(ArchiveInput{path, {}, {}}, path);
    if (!reader) return false;
    bool found = false;
    std::vector<model::Diagnostic> ignored;
    (void)reader->for_each(
        [&](const Entry& e) {
            if (e.path == "manifest.json" || e.path == "oci-layout") found = true;
            return false;
        },
        [](const Entry&, std::string&&) {}, ignored);
    return found;
}

} // namespace kaiyuan::source
