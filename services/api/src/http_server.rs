//! The accept loop. `axum::serve` offers no header-read timeout, so a client
//! sending its headers a byte at a time (slowloris) could hold a connection
//! and its task for as long as it liked; here hyper is driven directly with
//! one, each request carries the peer address (`ConnectInfo`) like under
//! `axum::serve`, and shutdown stops accepting at once, then lets the
//! requests in flight finish.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::ServiceExt as _;

/// Serves `router` on `listener` until `stop` completes, then waits for the
/// open connections to finish their requests (the caller bounds that wait).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    header_read_timeout: Duration,
    stop: impl Future<Output = ()>,
) {
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout);
    // An HTTP/2 client that stops answering pings is dropped too.
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(Some(header_read_timeout))
        .keep_alive_timeout(header_read_timeout);
    let graceful = GracefulShutdown::new();
    let mut stop = std::pin::pin!(stop);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: wait instead of spinning.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let _ = stream.set_nodelay(true);
        // hyper's header timeout starts only once it has told HTTP/1 from
        // HTTP/2, which takes up to 24 bytes: a client sending fewer (or
        // none) would be kept forever. No request within the header timeout
        // closes the connection.
        let started = Arc::new(AtomicBool::new(false));
        let flag = started.clone();
        let service = router.clone().map_request(move |request: Request<Incoming>| {
            flag.store(true, Ordering::Relaxed);
            let mut request = request.map(Body::new);
            request.extensions_mut().insert(ConnectInfo::<SocketAddr>(remote));
            request
        });
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), TowerToHyperService::new(service))
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let silent = async {
                tokio::time::sleep(header_read_timeout).await;
                if started.load(Ordering::Relaxed) {
                    std::future::pending::<()>().await;
                }
            };
            tokio::select! {
                result = connection => if let Err(e) = result {
                    tracing::debug!(error = %e, "connection ended with an error");
                },
                () = silent => tracing::debug!("no request within the header timeout; connection closed"),
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
}
