#pragma once
/// The web UI's built files (web/, built by Vite), embedded in the binary at build time by
/// web/scripts/embed.mjs; none when built with -DKAIYUAN_WEB_UI=OFF.
#include <span>
#include <string_view>

namespace kaiyuan::server {

struct WebAsset {
    std::string_view path; ///< "/index.html", "/assets/index-3f9a.js"
    std::string_view content_type;
    std::string_view body;
    std::string_view gzip; ///< the body gzipped at build time ("" when it would not shrink)
};

std::span<const WebAsset> web_assets();

} // namespace kaiyuan::server
