import { ServerSearchSelect, type ServerSearchSelectProps } from '../../components/ServerSearchSelect';
import { useIncidents } from './incidents.api';

/** Incidents matching the text, newest first (a number typed finds that incident). */
function useIncidentOptions(query: string) {
  const incidents = useIncidents({
    q: query || undefined,
    pageSize: 20,
    sort: 'detectedAt',
    direction: 'desc',
  });
  const options = (incidents.data?.rows ?? []).map((incident) => ({
    value: String(incident.id),
    label: `#${incident.id} ${incident.title}`,
  }));
  return { options, isFetching: incidents.isFetching };
}

/**
 * A searchable select of incidents: the server looks through titles and descriptions, and finds
 * an incident by its number when one is typed ("12" or "#12").
 */
export function IncidentPicker(props: ServerSearchSelectProps) {
  return <ServerSearchSelect {...props} useOptions={useIncidentOptions} params={undefined} />;
}
