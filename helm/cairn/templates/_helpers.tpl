{{/*
Names and labels shared by every template. A service's objects are named <release>-<service>
(cut to 63 characters) and carry the app.kubernetes.io labels; the selector uses only the
stable ones (name, instance, component).
*/}}

{{- define "cairn.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "cairn.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The name of one service's objects; call with (dict "root" $ "service" "clients"). */}}
{{- define "cairn.serviceName" -}}
{{- printf "%s-%s" (include "cairn.fullname" .root) .service | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "cairn.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on every object; call with (dict "root" $ "service" "clients"). */}}
{{- define "cairn.labels" -}}
helm.sh/chart: {{ include "cairn.chart" .root }}
{{ include "cairn.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: cairn
{{- end -}}

{{/* The labels a service's pods are selected by. */}}
{{- define "cairn.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cairn.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .service }}
{{- end -}}

{{/* The image of a service: registry/repository:tag, the tag defaulting to the chart's appVersion. */}}
{{- define "cairn.image" -}}
{{- $registry := .root.Values.global.imageRegistry -}}
{{- $tag := default .root.Chart.AppVersion (default .root.Values.global.imageTag .config.image.tag) -}}
{{- if $registry -}}
{{- printf "%s/%s:%s" $registry .config.image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .config.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/*
The pod of a one-shot run of a service's image (its migrations, the audit retention job): no
traffic served, no Kafka consumers, the service's database credentials (and its owner's, where the
service has migrationOwner). Call with (dict "root" $ "ctx" <labels context> "service" <name>
"entry" <services entry> "config" <entry over serviceDefaults> "container" <name> "env" <map of
extra variables>).
*/}}
{{- define "cairn.oneShotPod" -}}
metadata:
  labels:
    {{- include "cairn.labels" .ctx | nindent 4 }}
spec:
  restartPolicy: Never
  automountServiceAccountToken: false
  enableServiceLinks: false
  {{- with .root.Values.global.imagePullSecrets }}
  imagePullSecrets:
    {{- range . }}
    - name: {{ . }}
    {{- end }}
  {{- end }}
  securityContext:
    runAsNonRoot: true
    runAsUser: 185
    runAsGroup: 185
    fsGroup: 185
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: {{ .container }}
      image: {{ include "cairn.image" (dict "root" .root "config" .config) | quote }}
      imagePullPolicy: {{ .root.Values.global.imagePullPolicy }}
      env:
        {{- range $name, $value := .env }}
        - name: {{ $name }}
          value: {{ $value | quote }}
        {{- end }}
        - name: CAIRN_CONSUMERS_ENABLED
          value: "false"
        - name: QUARKUS_HTTP_PORT
          value: "8080"
        - name: CAIRN_PG_HOST
          value: {{ .root.Values.database.host | quote }}
        - name: CAIRN_PG_PORT
          value: {{ .root.Values.database.port | quote }}
        - name: CAIRN_KAFKA_BOOTSTRAP
          value: {{ .root.Values.kafka.bootstrapServers | quote }}
        - name: CAIRN_OIDC_URL
          value: {{ printf "%s/realms/%s" (trimSuffix "/" .root.Values.keycloak.url) .root.Values.keycloak.realm | quote }}
        - name: JAVA_OPTS_APPEND
          value: {{ printf "-Dquarkus.http.host=0.0.0.0 %s" .config.javaOpts | quote }}
        - name: CAIRN_DB_USER
          valueFrom:
            secretKeyRef:
              name: {{ .root.Values.database.existingSecret }}
              key: {{ printf "%s-username" .service }}
        - name: CAIRN_DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: {{ .root.Values.database.existingSecret }}
              key: {{ printf "%s-password" .service }}
        {{- if .entry.migrationOwner }}
        - name: CAIRN_DB_OWNER
          valueFrom:
            secretKeyRef:
              name: {{ .root.Values.database.existingSecret }}
              key: {{ printf "%s-owner-username" .service }}
        - name: CAIRN_DB_OWNER_PASSWORD
          valueFrom:
            secretKeyRef:
              name: {{ .root.Values.database.existingSecret }}
              key: {{ printf "%s-owner-password" .service }}
        {{- end }}
      resources:
        {{- toYaml .config.resources | nindent 8 }}
      securityContext:
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        runAsNonRoot: true
        capabilities:
          drop:
            - ALL
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: 256Mi
{{- end -}}
