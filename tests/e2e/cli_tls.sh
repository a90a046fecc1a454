#!/usr/bin/env bash
# `tls ca create` and `tls cert create`: Consul's file names and output, certificates that
# `openssl verify` accepts against the CA, with the names and usages Consul gives each kind,
# keys that match them and only their owner can read, and -name-constraint enforced.
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

cd "$E2E_TMP" || die "cd $E2E_TMP"
text() { openssl x509 -in "$1" -noout -text; }
# The value line under an X.509v3 extension's name in `openssl x509 -text`.
extension() { text "$1" | grep -A1 -F "$2" | tail -n 1 | sed -E 's/^ +//; s/ +$//'; }

expect_output 'consul tls ca create' '==> Saved consul-agent-ca.pem
==> Saved consul-agent-ca-key.pem'
expect_error 'consul tls ca create' 1 'consul-agent-ca.pem already exists.'
check 'the CA has Consul'\''s subject' bash -c "openssl x509 -in consul-agent-ca.pem -noout -subject -nameopt compat |
    grep -qE '^subject=/C=US/ST=CA/L=San Francisco/street=101 Second Street/postalCode=94105/O=HashiCorp Inc./CN=Consul Agent CA [0-9]+$'"
check 'the CA is a CA' test "$(extension consul-agent-ca.pem 'Basic Constraints: critical')" == 'CA:TRUE'
check 'the CA signs certificates and CRLs' test "$(extension consul-agent-ca.pem 'Key Usage: critical')" == \
    'Digital Signature, Certificate Sign, CRL Sign'
check 'the CA is valid for 1825 days' bash -c "openssl x509 -in consul-agent-ca.pem -noout -checkend $((1824 * 86400)) >/dev/null &&
    ! openssl x509 -in consul-agent-ca.pem -noout -checkend $((1826 * 86400)) >/dev/null"
check 'the CA key is readable by its owner only' test "$(stat -c %a consul-agent-ca-key.pem)" == 600

server_warning='==> WARNING: Server Certificates grants authority to become a
    server and access all state in the cluster including root keys
    and all ACL tokens. Do not distribute them to production hosts
    that are not server nodes. Store them as securely as CA keys.'
expect_output 'consul tls cert create -server -node n1' "$server_warning
==> Using consul-agent-ca.pem and consul-agent-ca-key.pem
==> Saved dc1-server-consul-0.pem
==> Saved dc1-server-consul-0-key.pem"
expect_output 'consul tls cert create -server' "$server_warning
==> Using consul-agent-ca.pem and consul-agent-ca-key.pem
==> Saved dc1-server-consul-1.pem
==> Saved dc1-server-consul-1-key.pem"
expect_output 'consul tls cert create -client -additional-dnsname=web.example -additional-ipaddress=10.0.0.7' \
    '==> Using consul-agent-ca.pem and consul-agent-ca-key.pem
==> Saved dc1-client-consul-0.pem
==> Saved dc1-client-consul-0-key.pem'
expect_output 'consul tls cert create -cli -dc=east' '==> Using consul-agent-ca.pem and consul-agent-ca-key.pem
==> Saved east-cli-consul-0.pem
==> Saved east-cli-consul-0-key.pem'

for cert in dc1-server-consul-0 dc1-server-consul-1 dc1-client-consul-0 east-cli-consul-0; do
    check "openssl verify accepts $cert.pem against the CA" \
        bash -c "openssl verify -CAfile consul-agent-ca.pem $cert.pem | grep -qx '$cert.pem: OK'"
    check "$cert-key.pem is the key of $cert.pem" test \
        "$(openssl pkey -in "$cert-key.pem" -pubout)" == "$(openssl x509 -in "$cert.pem" -noout -pubkey)"
    check "$cert-key.pem is readable by its owner only" test "$(stat -c %a "$cert-key.pem")" == 600
    check "$cert.pem is not a CA" test "$(extension "$cert.pem" 'Basic Constraints: critical')" == 'CA:FALSE'
    check "$cert.pem signs and enciphers keys" test "$(extension "$cert.pem" 'Key Usage: critical')" == \
        'Digital Signature, Key Encipherment'
done
check 'the server certificate is server.dc1.consul' bash -c \
    "openssl x509 -in dc1-server-consul-0.pem -noout -subject | grep -qx 'subject=CN = server.dc1.consul'"
check 'its names: the node, the server, localhost and 127.0.0.1' test \
    "$(extension dc1-server-consul-0.pem 'Subject Alternative Name')" == \
    'DNS:n1.server.dc1.consul, DNS:server.dc1.consul, DNS:localhost, IP Address:127.0.0.1'
check 'it serves and it is a client' test "$(extension dc1-server-consul-0.pem 'Extended Key Usage')" == \
    'TLS Web Server Authentication, TLS Web Client Authentication'
check 'the client certificate adds the names asked for' test \
    "$(extension dc1-client-consul-0.pem 'Subject Alternative Name')" == \
    'DNS:web.example, DNS:client.dc1.consul, DNS:localhost, IP Address:10.0.0.7, IP Address:127.0.0.1'
check 'it is a client first' test "$(extension dc1-client-consul-0.pem 'Extended Key Usage')" == \
    'TLS Web Client Authentication, TLS Web Server Authentication'
check 'the cli certificate names only itself and localhost, with no extended usage' bash -c \
    "test \"\$(openssl x509 -in east-cli-consul-0.pem -noout -ext subjectAltName | tail -n 1 | sed -E 's/^ +//')\" == \
    'DNS:cli.east.consul, DNS:localhost' && ! openssl x509 -in east-cli-consul-0.pem -noout -text | grep -q 'Extended Key Usage'"
check 'the server certificate is valid for 365 days' bash -c "openssl x509 -in dc1-server-consul-0.pem -noout -checkend $((364 * 86400)) >/dev/null &&
    ! openssl x509 -in dc1-server-consul-0.pem -noout -checkend $((366 * 86400)) >/dev/null"

expect_error 'consul tls cert create' 1 'Please provide either -server, -client, or -cli'
expect_error 'consul tls cert create -server -client' 1 'Please provide either -server, -client, or -cli'
expect_error 'consul tls cert create -client -node n1' 1 '-node requires -server'
expect_error 'consul tls cert create -client -ca=missing.pem' 1 \
    'Error reading CA: open missing.pem: no such file or directory'
expect_error 'consul tls cert create -client -additional-ipaddress=10.0.0.300' 1 \
    '-additional-ipaddress 10.0.0.300 is not an IP address'

# A CA with name constraints: certificates for other names fail, and nothing is written.
mkdir constrained && cd constrained || die 'cd constrained'
expect_output 'consul tls ca create -name-constraint -domain=lab -additional-name-constraint=example.org' \
    '==> Saved lab-agent-ca.pem
==> Saved lab-agent-ca-key.pem'
check 'the constraints are critical and name the domains' test \
    "$(text lab-agent-ca.pem | grep -A4 -F 'Name Constraints: critical' | tail -n 4 | sed -E 's/^ +//' | tr '\n' ' ')" == \
    'Permitted: DNS:example.org DNS:lab DNS:localhost '
run 'consul tls cert create -client -domain=lab'
check_rc 0
run 'consul tls cert create -client -domain=lab -additional-dnsname=db.elsewhere.net'
check_rc 1
check_stream_contains err 'permitted subtree violation'
check 'the refused certificate was not written' test ! -e dc1-client-lab-1.pem
