// A build without the web UI (-DKAIYUAN_WEB_UI=OFF): no files; web_ui.cpp says so at "/".
#include "kaiyuan/server/web_assets.hpp"

namespace kaiyuan::server {

std::span<const WebAsset> web_assets() {
    return {};
}

} // namespace kaiyuan::server
