/// The model of the overview.
struct OverviewModel {
    struct Tile {
        let key: String
        let label: String
        let value: String
        let tone: String
    }
    struct Bar {
        let height: String
        let title: String
    }
    struct Activity {
        let name: String
        let total: Int
        let perMinute: String
        let bars: [Bar]
    }
    struct Latency {
        let count: String
        let mean: String
        let p50: String
        let p95: String
    }
    struct Queue {
        let name: String
        let messages: String
        let consumers: String
        let error: String?
    }
    struct Breaker {
        let api: String
        let state: String
        let tone: String
    }
    struct Process {
        let target: String
        let kind: String
        let live: String
        let liveTone: String
        let ready: String
        let readyTone: String
        let readyDetail: String?
        let inFlight: String
        let replies: String
        let errors: String
        let breakers: [Breaker]
    }
    struct Parked {
        let conversationID: String
        let path: String
        let parkedAt: String
        let attempts: Int
        let reason: String
    }
    struct Recent {
        let conversationID: String
        let path: String
        let resolver: String
        let language: String
        let sentAt: String
        let route: String
    }

    let tiles: [Tile]
    let activity: [Activity]
    let latency: Latency?
    let queues: [Queue]
    let queuesError: String?
    let processes: [Process]
    let hasProcesses: Bool
    let parked: [Parked]
    let hasParked: Bool
    let parkedCount: Int
    let recent: [Recent]
    let hasRecent: Bool
    let csrf: String
}
