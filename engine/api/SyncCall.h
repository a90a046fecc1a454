#pragma once
// Blocking use of the API for the command-line tools: runs a local QEventLoop until the call
// finishes. Never use it on a GUI thread.

#include "ApiClient.h"

namespace qonsul {

ApiResponse waitForResponse(ApiClient &client, const ApiRequest &request);

template <typename T> Expected<T> callSync(ApiClient &client, const TypedRequest<T> &request)
{
    return request.parse(waitForResponse(client, request.request));
}

} // namespace qonsul
