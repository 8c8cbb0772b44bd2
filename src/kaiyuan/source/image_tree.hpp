#pragma once
/// Container images: `docker save` archives (docker-archive, manifest.json) and OCI image layouts
/// (directory or tar; index.json). Layers are applied in manifest order with the OCI whiteout rules
/// (image-spec layer.md: `.wh.<name>` deletes <name> from lower layers, `.wh..wh..opq` empties the
/// directory of lower-layer content), so a package deleted in a later layer does not appear.
#include "kaiyuan/source/file_tree.hpp"

#include <memory>

namespace kaiyuan::source {

class ImageTree final : public FileTree {
public:
    /// Opens `path` (a directory holding `oci-layout`, or a tar) and reads its manifest and config.
    static Result<std::unique_ptr<ImageTree>> open(const std::string& path, WalkLimits limits = {});
    ~ImageTree() override;
    std::string kind() const override;
    Result<void> walk(Visitor& visitor, std::vector<model::Diagnostic>& diagnostics) override;
    std::map<std::string, std::string> properties() const override;

    struct Impl;

private:
    explicit ImageTree(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// True when the tar at `path` looks like an image (holds manifest.json or oci-layout at its top).
bool tar_is_image(const std::string& path);

} // namespace kaiyuan::source
