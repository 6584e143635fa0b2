//! Shared by the core's tests that run against the simulator (a dev-dependency: practice mode
//! itself lives in `dingbind-practice`).

/// Where a running simulator answers, as the client's endpoints.
pub fn sim_endpoints(sim: &dingtalk_sim::SimHandle) -> dingtalk::Endpoints {
    dingtalk::Endpoints {
        oapi: sim.oapi_url(),
        api: sim.api_url(),
        login: sim.login_url(),
    }
}
