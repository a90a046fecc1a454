#pragma once
// A request together with the function that turns its response into a typed result. The
// endpoint files (KvApi, CatalogApi, …) build these; ApiClient sends them asynchronously and
// callSync() (SyncCall.h) sends them from the CLI.

#include "ApiRequest.h"
#include "ApiResponse.h"
#include "util/Expected.h"

#include <functional>

namespace qonsul {

template <typename T> struct TypedRequest
{
    using Result = T;

    ApiRequest request;
    std::function<Expected<T>(const ApiResponse &)> parse;
};

} // namespace qonsul
