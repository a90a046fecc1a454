#pragma once
// The HTTP flags every client command shares (-http-addr, -token, …, and for reads
// -datacenter and -stale), turned into an ApiConfig over the CONSUL_HTTP_* environment.

#include "FlagSet.h"
#include "api/ApiConfig.h"
#include "api/ApiRequest.h"

namespace qonsul::cli {

class HttpFlags
{
public:
    // -http-addr, -token, -token-file, -ca-file, -ca-path, -client-cert, -client-key,
    // -tls-server-name.
    void addClientFlags(FlagSet &flags);
    // -datacenter and -stale.
    void addServerFlags(FlagSet &flags);

    // Environment first, then the flags that were given.
    ApiConfig config() const;
    bool stale() const { return m_stale; }
    QueryOptions queryOptions() const;

private:
    QString m_address;
    QString m_token;
    QString m_tokenFile;
    QString m_caFile;
    QString m_caPath;
    QString m_clientCert;
    QString m_clientKey;
    QString m_tlsServerName;
    QString m_datacenter;
    bool m_stale = false;
};

} // namespace qonsul::cli
