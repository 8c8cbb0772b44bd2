#include "kaiyuan/source/image_tree.hpp"

#include "kaiyuan/source/archive_reader.hpp"
#include "kaiyuan/source/image_manifest.hpp"
#include "kaiyuan/util/files.hpp"

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
        auto config = parse_image_config(*text);
        if (!config) return fail(path + ": " + config_member + ": " + config.error().message);
        for (auto& [k, v] : config->properties)
            properties[k] = v;
        // Docker archives name layers by file; the config's diff ids name them by content.
        for (std::size_t i = 0; i < layers.size() && i < config->diff_ids.size(); ++i)
            if (kind == "docker-archive" && !config->diff_ids[i].empty())
                layers[i].digest = config->diff_ids[i];
        return {};
    }

    Result<void> read_docker_manifest() {
        auto text = member("manifest.json");
        if (!text) return unexpected(text.error());
        auto manifest = parse_docker_manifest(*text);
        if (!manifest) return fail(path + ": manifest.json: " + manifest.error().message);
        for (auto& l : manifest->layers)
            layers.push_back({l, l});
        if (!manifest->repo_tags.empty()) properties["image:repo-tags"] = manifest->repo_tags;
        properties["image:config"] = manifest->config;
        kind = "docker-archive";
        return read_config(manifest->config);
    }

    // OCI image-spec image-layout.md: index.json -> (image index ->) manifest -> config + layers.
    Result<void> read_oci_index() {
        std::string current = "index.json";
        for (int depth = 0; depth < 4; ++depth) {
            auto text = member(current);
            if (!text) return unexpected(text.error());
            auto doc = parse_oci_document(*text);
            if (!doc) return fail(path + ": " + current + ": " + doc.error().message);
            if (doc->is_index) {
                auto next = blob_path(doc->manifest_digest);
                if (!next) return fail(path + ": " + current + ": " + next.error().message);
                current = *next;
                continue;
            }
            auto config = blob_path(doc->config_digest);
            if (!config) return fail(path + ": " + current + ": " + config.error().message);
            for (const auto& d : doc->layer_digests) {
                auto blob = blob_path(d);
                if (!blob) return fail(path + ": " + current + ": " + blob.error().message);
                layers.push_back({*blob, d}); // locations name the blob digests of the manifest
            }
            properties["image:config-digest"] = doc->config_digest;
            kind = "oci-layout";
            return read_config(*config);
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
                // Only files need a decision now; links and the rest are announced once, from the
                // squashed tree, so a link a later layer deletes is never seen.
                return e.type == EntryType::file && (visitor.wants(e) || visitor.sniff(e));
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
        bool wanted = visitor.wants(f.entry); // also announces links and directories
        if (!f.data) continue;
        if (!wanted && !(visitor.sniff(f.entry) && keep_wanted_head(visitor, f.entry, *f.data)))
            continue;
        visitor.contents(f.entry, std::move(*f.data));
    }
    return {};
}

bool tar_is_image(const std::string& path) {
    // An image tar starts with what a root filesystem never has at its top: `blobs/` (OCI layout,
    // docker >= 25), a 64-hex layer directory (older docker save), or the image's own files. Only
    // the first members are read, so a compressed root filesystem is not decompressed twice.
    auto reader = ArchiveReader::open(ArchiveInput{path, {}, {}}, path);
    if (!reader) return false;
    auto is_hex64 = [](std::string_view seg) {
        return seg.size() == 64 &&
               seg.find_first_not_of("0123456789abcdef") == std::string_view::npos;
    };
    for (const auto& p : reader->first_paths(8)) {
        std::string_view first = std::string_view(p).substr(0, p.find('/'));
        if (p == "manifest.json" || p == "oci-layout" || p == "index.json" || p == "repositories" ||
            first == "blobs" || is_hex64(first) ||
            (p.ends_with(".json") && is_hex64(p.substr(0, p.size() - 5))))
            return true;
    }
    return false;
}

} // namespace kaiyuan::source
