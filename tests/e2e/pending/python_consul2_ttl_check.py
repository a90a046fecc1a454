# A python3-consul2 scenario for health checks (issue 4): a service with a TTL check that the
# client passes and warns. Not run by CTest (tests/e2e/pending is not collected); move the
# method back into tests/e2e/python_consul2_test.py's test class when checks land.

    def test_agent_service_with_ttl_check(self):
        self.assertTrue(self.c.agent.service.register(
            "api", service_id="api1", port=9000, tags=["v2"],
            check=consul.Check.ttl("30s")))

        services = self.c.agent.services()
        self.assertIn("api1", services)
        self.assertEqual(
            {k: services["api1"][k] for k in ("ID", "Service", "Tags", "Port", "Address", "Meta")},
            {"ID": "api1", "Service": "api", "Tags": ["v2"], "Port": 9000, "Address": "",
             "Meta": {}})

        checks = self.c.agent.checks()
        self.assertIn("service:api1", checks)
        self.assertEqual(checks["service:api1"]["Status"], "critical", "new checks start critical")
        self.assertEqual(checks["service:api1"]["ServiceID"], "api1")
        self.assertEqual(checks["service:api1"]["Name"], "Service 'api' check")

        self.assertTrue(eventually(lambda: self.in_catalog("api")), "api reaches the catalog")
        _, entries = self.c.health.service("api")
        self.assertEqual(len(entries), 1)
        self.assertEqual(entries[0]["Service"]["ID"], "api1")
        self.assertEqual(entries[0]["Node"]["Node"], "machine")
        self.assertEqual(sorted((c["CheckID"], c["Status"]) for c in entries[0]["Checks"]),
                         [("serfHealth", "passing"), ("service:api1", "critical")])
        self.assertEqual(self.c.health.service("api", passing=True)[1], [])

        _, critical = self.c.health.state("critical")
        self.assertIn("service:api1", [c["CheckID"] for c in critical])

        self.assertTrue(self.c.agent.check.ttl_pass("service:api1", notes="all good"))
        self.assertEqual(self.c.agent.checks()["service:api1"]["Status"], "passing")
        self.assertEqual(self.c.agent.checks()["service:api1"]["Output"], "all good")
        passing = eventually(lambda: self.c.health.service("api", passing=True)[1])
        self.assertEqual([e["Service"]["ID"] for e in passing], ["api1"])

        _, checks = self.c.health.checks("api")
        self.assertEqual([(c["CheckID"], c["Status"], c["Output"]) for c in checks],
                         [("service:api1", "passing", "all good")])

        self.assertTrue(self.c.agent.check.ttl_warn("service:api1"))
        self.assertTrue(eventually(
            lambda: self.c.health.checks("api")[1][0]["Status"] == "warning"))
        self.assertEqual(self.c.health.service("api", passing=True)[1], [],
                         "?passing drops warning too")

        self.assertTrue(self.c.agent.service.deregister("api1"))
        self.assertNotIn("api1", self.c.agent.services())
        self.assertNotIn("service:api1", self.c.agent.checks())
        self.assertTrue(eventually(lambda: not self.in_catalog("api")), "api leaves the catalog")
        self.assertEqual(self.c.health.checks("api")[1], [])

