// libFuzzer target for forge exports (GitHub and Gitee REST API JSON: issues, change requests,
// comments, reviews), then the metrics over what was read.
#include "kaiyuan/community/change_requests.hpp"
#include "kaiyuan/community/events.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    kaiyuan::community::Events events;
    if (!kaiyuan::community::read_events(in, "fuzz.json", events)) return 0;
    (void)kaiyuan::community::change_request_metrics(events, 0, 0);
    (void)kaiyuan::community::parse_forge_time(in.substr(0, 40));
    return 0;
}
