//! Projects of an org: list, create, details, delete.

use saasignal_client::NewProject;
use saasignal_model::{Page, Project, RowWindow};

use super::activity::Write;
use super::read_through::ReadTarget;
use crate::accounts::AccountId;
use crate::core::Core;
use crate::error::CoreError;
use crate::events::{ChangedRows, Resource, RowChange};
use crate::loaded::{Loaded, ReadMode};

impl Core {
    pub async fn projects(
        &self,
        account: &AccountId,
        org_id: &str,
        mode: ReadMode,
    ) -> Result<Loaded<Vec<Project>>, CoreError> {
        let target = ReadTarget {
            account,
            resource: Resource::Projects,
        };
        let (id, org) = (account.as_str().to_owned(), org_id.to_owned());
        self.read_through(
            target,
            mode,
            |cache| cache.projects(account.as_str(), org_id),
            |connection| async move {
                connection
                    .client
                    .list_projects(&connection.credential, org_id)
                    .await
            },
            move |cache, projects| cache.replace_projects(&id, &org, projects),
        )
        .await
    }

    /// One window of the org's projects for the screen, always read from the cache. With
    /// [`ReadMode::Network`] the list is first fetched and cached whole (as
    /// [`Core::projects`] does); only the window crosses IPC.
    pub async fn project_page(
        &self,
        account: &AccountId,
        org_id: &str,
        window: &RowWindow,
        mode: ReadMode,
    ) -> Result<Loaded<Page<Project>>, CoreError> {
        let fetched = match mode {
            ReadMode::CacheOnly => None,
            ReadMode::Network => Some(self.projects(account, org_id, mode).await?),
        };
        let (id, org, window) = (
            account.as_str().to_owned(),
            org_id.to_owned(),
            window.clone(),
        );
        self.cached_window(fetched, "projects", move |cache| {
            cache.project_page(&id, &org, &window)
        })
        .await
    }

    /// One project, fresh from the server (the details screen).
    pub async fn project(
        &self,
        account: &AccountId,
        org_id: &str,
        project_id: &str,
    ) -> Result<Project, CoreError> {
        let result = async {
            let connection = self.connect(account).await?;
            let project = connection
                .client
                .get_project(&connection.credential, org_id, project_id)
                .await?;
            self.cache_after_write(&connection, org_id, &[Resource::Projects], |cache| {
                cache.upsert_project(account.as_str(), org_id, &project)
            });
            Ok(project)
        }
        .await;
        result.map_err(|error| self.note_failure(account, error))
    }

    pub async fn create_project(
        &self,
        account: &AccountId,
        org_id: &str,
        project: NewProject,
    ) -> Result<Project, CoreError> {
        let result = async {
            let connection = self.connect(account).await?;
            let created = connection
                .client
                .create_project(&connection.credential, org_id, &project)
                .await?;
            self.cache_after_write(&connection, org_id, &[Resource::Projects], |cache| {
                cache.upsert_project(account.as_str(), org_id, &created)
            });
            let rows = ChangedRows::Projects(RowChange::upsert(created.clone()));
            self.rows_changed(account, Some(org_id), rows);
            Ok(created)
        }
        .await;
        let target_id = result.as_ref().ok().map(|p| p.id.clone());
        let write = Write {
            action: "project.create",
            org_id: Some(org_id),
            target_id: target_id.as_deref(),
            target_name: Some(&project.name),
            related_id: None,
        };
        self.finish_write(account, write, &[Resource::Projects], result)
    }

    /// Deletes the project; the server revokes its tokens, and so does the cache.
    pub async fn delete_project(
        &self,
        account: &AccountId,
        org_id: &str,
        project_id: &str,
    ) -> Result<(), CoreError> {
        let result = async {
            let connection = self.connect(account).await?;
            connection
                .client
                .delete_project(&connection.credential, org_id, project_id)
                .await?;
            let changed = [Resource::Projects, Resource::Tokens];
            let cached = self.cache_after_write(&connection, org_id, &changed, |cache| {
                cache.remove_project(account.as_str(), org_id, project_id)
            });
            let rows = ChangedRows::Projects(RowChange::remove(project_id));
            self.rows_changed(account, Some(org_id), rows);
            // The cache revoked the project's tokens, as the server did.
            if cached.is_some() {
                self.announce(account, Resource::Tokens, Some(org_id));
            }
            Ok(())
        }
        .await;
        let write = Write {
            action: "project.delete",
            org_id: Some(org_id),
            target_id: Some(project_id),
            target_name: None,
            related_id: None,
        };
        self.finish_write(
            account,
            write,
            &[Resource::Projects, Resource::Tokens],
            result,
        )
    }
}
