#include "SyncCall.h"

#include <QEventLoop>

namespace qonsul {

ApiResponse waitForResponse(ApiClient &client, const ApiRequest &request)
{
    QEventLoop loop;
    ApiResponse response;
    ApiCall *call = client.start(request);
    QObject::connect(call, &ApiCall::finished, &loop, [&](ApiCall *done) {
        response = done->response();
        loop.quit();
    });
    loop.exec();
    return response;
}

} // namespace qonsul
