#include "HttpFlags.h"

namespace qonsul::cli {

void HttpFlags::addClientFlags(FlagSet &flags)
{
    using Group = FlagSet::Group;
    flags.addValue("http-addr", &m_address,
                   "The `address` and port of the agent's HTTP API, optionally with an http:// or "
                   "https:// prefix. Also read from CONSUL_HTTP_ADDR. Defaults to "
                   "http://127.0.0.1:8500; CONSUL_HTTP_SSL=true switches the default scheme to "
                   "HTTPS.",
                   Group::Http);
    flags.addValue("token", &m_token,
                   "ACL token sent with the request (X-Consul-Token). Also read from "
                   "CONSUL_HTTP_TOKEN. Without one the agent uses its own default token.",
                   Group::Http);
    flags.addValue("token-file", &m_tokenFile,
                   "File holding the ACL token, used instead of -token or CONSUL_HTTP_TOKEN. Also "
                   "read from CONSUL_HTTP_TOKEN_FILE.",
                   Group::Http);
    flags.addValue("ca-file", &m_caFile,
                   "CA certificate file for TLS connections to the agent. Also read from "
                   "CONSUL_CACERT.",
                   Group::Http);
    flags.addValue("ca-path", &m_caPath,
                   "Directory of CA certificates for TLS connections to the agent. Also read from "
                   "CONSUL_CAPATH.",
                   Group::Http);
    flags.addValue("client-cert", &m_clientCert,
                   "Client certificate file, for agents that verify incoming connections. Also "
                   "read from CONSUL_CLIENT_CERT.",
                   Group::Http);
    flags.addValue("client-key", &m_clientKey,
                   "Client key file, for agents that verify incoming connections. Also read from "
                   "CONSUL_CLIENT_KEY.",
                   Group::Http);
    flags.addValue("tls-server-name", &m_tlsServerName,
                   "Server name to use for SNI and certificate checks on TLS connections. Also "
                   "read from CONSUL_TLS_SERVER_NAME.",
                   Group::Http);
}

void HttpFlags::addServerFlags(FlagSet &flags)
{
    using Group = FlagSet::Group;
    flags.addValue("datacenter", &m_datacenter,
                   "Datacenter to query. Defaults to the datacenter of the agent being asked.",
                   Group::Http);
    flags.addBool("stale", &m_stale,
                  "Let any server answer, not only the leader: faster and spread over the "
                  "servers, but possibly out of date. Only affects reads. The default value is "
                  "false.",
                  Group::Http);
}

ApiConfig HttpFlags::config() const
{
    ApiConfig config = ApiConfig::fromEnvironment();
    if (!m_address.isEmpty())
        config.address = m_address;
    if (!m_token.isEmpty())
        config.token = m_token;
    if (!m_tokenFile.isEmpty())
        config.tokenFile = m_tokenFile;
    if (!m_caFile.isEmpty())
        config.caFile = m_caFile;
    if (!m_caPath.isEmpty())
        config.caPath = m_caPath;
    if (!m_clientCert.isEmpty())
        config.clientCert = m_clientCert;
    if (!m_clientKey.isEmpty())
        config.clientKey = m_clientKey;
    if (!m_tlsServerName.isEmpty())
        config.tlsServerName = m_tlsServerName;
    if (!m_datacenter.isEmpty())
        config.datacenter = m_datacenter;
    return config;
}

QueryOptions HttpFlags::queryOptions() const
{
    QueryOptions options;
    options.allowStale = m_stale;
    return options;
}

} // namespace qonsul::cli
